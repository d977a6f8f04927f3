namespace Pipeline.Modeling.Evaluation;

/// <summary>One evaluated run of the dataset as the history chart shows it.</summary>
/// <param name="RunId">The run's id.</param>
/// <param name="Started">When its training started (UTC).</param>
/// <param name="Metrics">Its held-out metrics by name.</param>
public sealed record HistoryRun(string RunId, DateTimeOffset Started, IReadOnlyDictionary<string, double> Metrics);

/// <summary>
/// The dataset's evaluated runs in the order they were trained (this report's run last among them, with the
/// figures just measured), and the verified snapshot's values, which the gate compares each run with.
/// </summary>
/// <param name="Runs">Evaluated runs, oldest first.</param>
/// <param name="CurrentRunId">The run this report is about.</param>
/// <param name="Snapshot">The verified snapshot's value per metric (empty without a snapshot).</param>
/// <param name="Problem">Why the history could not be read (then <paramref name="Runs"/> holds only this run), or null.</param>
public sealed record MetricHistory(IReadOnlyList<HistoryRun> Runs, string CurrentRunId, IReadOnlyDictionary<string, double> Snapshot, string? Problem = null)
{
    /// <summary>
    /// The history of <paramref name="recorded"/> runs (runs never evaluated are left out), with the current run's
    /// metrics replaced by <paramref name="current"/>'s (the run history is updated only after the report is written).
    /// </summary>
    public static MetricHistory Of(IEnumerable<HistoryRun> recorded, HistoryRun current, IReadOnlyDictionary<string, double> snapshot, string? problem = null)
    {
        var runs = recorded.Where(r => r.RunId != current.RunId && r.Metrics.Count > 0).Append(current)
            .OrderBy(r => r.Started).ThenBy(r => r.RunId, StringComparer.Ordinal).ToList();
        return new MetricHistory(runs, current.RunId, snapshot, problem);
    }
}
