using Pipeline.Engine;
using Pipeline.Modeling.Steps;

/// <summary>The build's log as the steps' log.</summary>
static class StepLogs
{
    /// <summary>Information and warnings into the engine's log.</summary>
    public static StepLog Build { get; } = new(Log.Information, Log.Warning);
}
