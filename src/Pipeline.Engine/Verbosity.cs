namespace Pipeline.Engine;

/// <summary>How much the build prints (<c>--verbosity</c>).</summary>
public enum Verbosity
{
    /// <summary>Errors and the summary only.</summary>
    Quiet,
    /// <summary>Adds warnings and target headers.</summary>
    Minimal,
    /// <summary>Adds information messages (the default).</summary>
    Normal,
    /// <summary>Adds debug messages and the stack traces of failures.</summary>
    Verbose,
}
