namespace Pipeline.Oci;

/// <summary>A registry operation that failed, said as a sentence naming the registry, the repository and what to do.</summary>
public class OciException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OciException(string message, int? statusCode = null, Exception? inner = null) : base(message, inner) => StatusCode = statusCode;

    /// <summary>The HTTP status the registry answered, if it answered.</summary>
    public int? StatusCode { get; }
}
