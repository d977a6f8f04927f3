namespace Pipeline.Modeling.Steps;

/// <summary>Where a step writes its information lines and warnings (the build's log, a test's list, or nowhere).</summary>
/// <param name="Info">Receives information lines.</param>
/// <param name="Warn">Receives warnings.</param>
public sealed record StepLog(Action<string> Info, Action<string> Warn)
{
    /// <summary>A log that drops everything.</summary>
    public static StepLog None { get; } = new(_ => { }, _ => { });
}
