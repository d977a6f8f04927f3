namespace Pipeline.Ci;

/// <summary>A CI integration problem a user can act on (a missing variable, a refused token), said as a sentence.</summary>
public sealed class CiException : Exception
{
    /// <summary>Creates the exception with its sentence.</summary>
    public CiException(string message) : base(message) { }

    /// <summary>Creates the exception with its sentence and cause.</summary>
    public CiException(string message, Exception inner) : base(message, inner) { }
}
