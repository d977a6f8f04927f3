namespace Pipeline.Oci;

/// <summary>A registry operation that failed, said as a sentence naming the registry, the repository and what to do.</summary>
public class OciException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OciException(string message, int? statusCode = null, Exception? inner = null) : base(message, inner) => StatusCode = statusCode;

    /// <summary>The HTTP status the registry answered, if it answered.</summary>
    public int? StatusCode { get; }
}

/// <summary>Content from the registry whose digest is not the one it was asked for: altered in the registry or on the way.</summary>
public sealed class OciDigestMismatchException : OciException
{
    /// <summary>Creates the exception.</summary>
    public OciDigestMismatchException(string message, string expected, string actual) : base(message)
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The digest asked for (what the manifest records).</summary>
    public string Expected { get; }

    /// <summary>The digest of what the registry sent.</summary>
    public string Actual { get; }
}
