namespace Pipeline.Engine;

/// <summary>
/// The build cannot start: the invocation or the build class is wrong (unknown target, bad parameter value,
/// cycle, missing required parameter). Its message is the sentence shown to the user; the exit code is 2.
/// </summary>
public sealed class BuildDefinitionException : Exception
{
    /// <summary>Creates the exception with the user-facing sentence.</summary>
    public BuildDefinitionException(string message) : base(message)
    {
    }
}
