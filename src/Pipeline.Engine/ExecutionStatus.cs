namespace Pipeline.Engine;

/// <summary>What happened to a scheduled target in one invocation.</summary>
public enum ExecutionStatus
{
    /// <summary>Not run because an earlier target failed, or the build was cancelled.</summary>
    NotRun,
    /// <summary>Ran and finished without an exception.</summary>
    Succeeded,
    /// <summary>Threw an exception, or was cancelled while running.</summary>
    Failed,
    /// <summary>Skipped by <c>--skip</c>, a false condition, or because only skipped targets needed it.</summary>
    Skipped,
    /// <summary>Incremental and unchanged since its last successful run; not run.</summary>
    UpToDate,
}
