namespace Pipeline.Engine;

/// <summary>The process exit codes of a build.</summary>
public static class ExitCode
{
    /// <summary>Every executed target succeeded (or was up to date or skipped).</summary>
    public const int Success = 0;

    /// <summary>A target failed.</summary>
    public const int TargetFailed = 1;

    /// <summary>The invocation or the build definition is wrong: unknown target or option, bad parameter value, cycle, unmet requirement.</summary>
    public const int InvalidInvocation = 2;

    /// <summary>The build was cancelled (Ctrl+C, SIGTERM or the invocation's token).</summary>
    public const int Cancelled = 130;
}
