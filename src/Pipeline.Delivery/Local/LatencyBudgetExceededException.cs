namespace Pipeline.Delivery.Local;

/// <summary>The new container answered, but missed its latency or error budget on the replayed requests; it was removed and the previous one keeps serving.</summary>
public sealed class LatencyBudgetExceededException(string message, LatencyReport report) : Exception(message)
{
    /// <summary>What the replay measured.</summary>
    public LatencyReport Report { get; } = report;
}
