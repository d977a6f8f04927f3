namespace Pipeline.Modeling;

/// <summary>
/// A problem a user can act on (bad configuration, missing snapshot, tampered model, failed gate).
/// Its <see cref="Exception.Message"/> is the full user-facing sentence; no stack trace is needed to understand it.
/// </summary>
public class ModelingException : Exception
{
    /// <summary>Creates the exception with the sentence shown to the user.</summary>
    public ModelingException(string message) : base(message) { }

    /// <summary>Creates the exception with the sentence shown to the user and the underlying cause.</summary>
    public ModelingException(string message, Exception inner) : base(message, inner) { }
}
