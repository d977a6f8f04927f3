namespace Pipeline.Engine;

/// <summary>The outcome of one run of the engine.</summary>
/// <param name="ExitCode">0 success; 1 a target failed; 2 invocation or definition error; 130 cancelled.</param>
/// <param name="Targets">Each scheduled target in execution order with its status and duration.</param>
public sealed record BuildResult(int ExitCode, IReadOnlyList<TargetOutcome> Targets)
{
    /// <summary>The status of the named target, or null when it was not scheduled.</summary>
    public ExecutionStatus? StatusOf(string target) => Targets.FirstOrDefault(t => t.Name == target)?.Status;
}

/// <summary>What happened to one scheduled target.</summary>
/// <param name="Name">The target's name.</param>
/// <param name="Status">Its final status.</param>
/// <param name="Duration">How long it ran (zero when it did not run).</param>
/// <param name="Reason">Why it was skipped, not run or failed; null when it succeeded.</param>
public sealed record TargetOutcome(string Name, ExecutionStatus Status, TimeSpan Duration, string? Reason);
