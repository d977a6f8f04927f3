namespace Pipeline.Ci.Reports;

/// <summary>
/// What a pull request's reviewer needs to judge a model change: the gate's verdict per metric against the committed
/// snapshot, the candidate against the production model with the paired-bootstrap interval of each difference,
/// per-cause and worst-slice changes, what changed in the data and configuration, and the latest drift summary.
/// </summary>
/// <param name="Dataset">The dataset spec's name.</param>
/// <param name="GatePassed">The metric gate's verdict; the report never turns a failed gate into a pass.</param>
/// <param name="GateMessage">The gate's sentence when it failed (which metrics regressed), else null.</param>
/// <param name="Metrics">One row per gated metric.</param>
/// <param name="Causes">Per-cause detection, candidate vs production, when the model has cause models.</param>
/// <param name="WorstSlices">The slices with the lowest primary metric, with counts.</param>
/// <param name="InputChanges">Sentences on what changed since the snapshot (data hash, configuration hash).</param>
/// <param name="DriftSummary">The latest drift check's one-line summary, when there is one.</param>
/// <param name="Details">Lines about the run (run id, data source, trainer, commit).</param>
public sealed record MetricGateReport(
    string Dataset,
    bool GatePassed,
    string? GateMessage,
    IReadOnlyList<MetricRow> Metrics,
    IReadOnlyList<CauseRow> Causes,
    IReadOnlyList<SliceRow> WorstSlices,
    IReadOnlyList<string> InputChanges,
    string? DriftSummary,
    IReadOnlyList<string> Details);

/// <summary>One gated metric.</summary>
/// <param name="Metric">Its name (f1, rocAuc, …).</param>
/// <param name="Candidate">This change's value.</param>
/// <param name="Verified">The committed snapshot's value, if any.</param>
/// <param name="Tolerance">How far it may move the wrong way against the snapshot.</param>
/// <param name="Verdict">The gate's verdict word (unchanged, improved, regressed, below floor, …).</param>
/// <param name="Fails">True when this metric fails the gate.</param>
/// <param name="Production">The production model's value on the same rows, if there is one.</param>
/// <param name="IntervalVsProduction">The paired-bootstrap interval of candidate − production, if computed.</param>
public sealed record MetricRow(string Metric, double Candidate, double? Verified, double? Tolerance, string Verdict, bool Fails,
    double? Production = null, (double Low, double High)? IntervalVsProduction = null);

/// <summary>One cause (failure mode): detected of occurrences on the held-out rows, candidate and production.</summary>
public sealed record CauseRow(string Cause, int Occurrences, int Detected, int? ProductionDetected);

/// <summary>One slice (column = value) with its row count and primary metric, candidate and snapshot.</summary>
public sealed record SliceRow(string Slice, int Rows, int Positives, string Metric, double? Candidate, double? Verified);
