using System.Globalization;
using Pipeline.Modeling;
using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Steps;
using Pipeline.Modeling.Training;

namespace Pipeline.Ci.Reports;

/// <summary>
/// Builds the pull-request report from what Evaluate recorded (metrics.json: the gate's rows, the champion's metrics,
/// slices, causes), what Train decided (its lineage), the registry's production version and its latest drift check.
/// </summary>
public static class MetricGateReportBuilder
{
    /// <summary>How many of the weakest slices the report lists.</summary>
    public const int WorstSliceCount = 5;

    /// <summary>The report of the last evaluation in <paramref name="workspace"/>.</summary>
    /// <exception cref="ModelingException">Evaluate has not written metrics.json, or it is damaged.</exception>
    public static MetricGateReport From(Workspace workspace)
    {
        var record = EvaluationRecord.Read(workspace.MetricsPath);
        var summary = File.Exists(workspace.TrainingSummaryPath) ? TrainingSummary.Read(workspace.TrainingSummaryPath) : null;
        var registry = workspace.OpenRegistry();
        var production = ProductionMetadata(registry);
        var championMetrics = record.Champion?.ChampionMetrics ?? new Dictionary<string, double>();

        var rows = record.Gate.Count > 0
            ? record.Gate.Select(g => new MetricRow(g.Metric, g.Received, g.Verified, g.Tolerance, g.Verdict, g.Fails, Production(championMetrics, g.Metric))).ToList()
            : record.Metrics.Select(m => new MetricRow(m.Key, m.Value, null, null, "not gated", false, Production(championMetrics, m.Key))).ToList();

        var message = record.GatePassed ? null : FailureSentence(record);
        return new MetricGateReport(workspace.Dataset, record.GatePassed, message, rows,
            record.Causes.Select(c => new CauseRow(c.Cause, c.Occurrences, c.Detected, null)).ToList(),
            WorstSlices(record),
            InputChanges(record, summary, production),
            DriftSummary(registry),
            Details(record, summary));
    }

    static double? Production(IReadOnlyDictionary<string, double> champion, string metric) => champion.TryGetValue(metric, out var value) ? value : null;

    static string FailureSentence(EvaluationRecord record)
    {
        var failing = record.Gate.Where(g => g.Fails).Select(g => g.Verdict == "below floor"
            ? $"{g.Metric} {F(g.Received)} is below its floor {F(g.Floor ?? 0)}"
            : $"{g.Metric} regressed by {F(Math.Abs(g.Received - (g.Verified ?? g.Received)))} (tolerance {F(g.Tolerance)})").ToList();
        if (record.GateSnapshotProblem is { } problem) failing.Insert(0, problem.TrimEnd('.'));
        return failing.Count > 0 ? $"The metric gate failed: {string.Join("; ", failing)}." : "The metric gate failed.";
    }

    // The weakest slices by F1 (the primary operating-point metric a reviewer reads), slices without positives last,
    // where F1 is undefined.
    static IReadOnlyList<SliceRow> WorstSlices(EvaluationRecord record) =>
        record.Slices
            .OrderBy(s => s.Metrics.TryGetValue("f1", out var f1) ? f1 : double.MaxValue)
            .ThenBy(s => s.Column, StringComparer.Ordinal).ThenBy(s => s.Value, StringComparer.Ordinal)
            .Take(WorstSliceCount)
            .Select(s => new SliceRow($"{s.Column}={s.Value}", s.Rows, s.Positives, "f1", s.Metrics.TryGetValue("f1", out var f1) ? f1 : null, null))
            .ToList();

    static IReadOnlyList<string> InputChanges(EvaluationRecord record, TrainingSummary? summary, ModelMetadata? production)
    {
        var changes = new List<string>();
        if (summary is null) return changes;
        var lineage = summary.Lineage;
        if (production is null)
        {
            changes.Add($"No production model in the registry yet: this would be the first (data {lineage.DataSource}, SHA-256 {Short(lineage.DataHash)}).");
            return changes;
        }
        var champion = production.Lineage;
        changes.Add(lineage.DataHash == champion.DataHash
            ? $"Data unchanged from production v{production.Version}: {lineage.DataSource} (SHA-256 {Short(lineage.DataHash)})."
            : $"Data changed: {lineage.DataSource} (SHA-256 {Short(lineage.DataHash)}); production v{production.Version} was trained on {(champion.DataSource.Length > 0 ? champion.DataSource : "other data")} (SHA-256 {Short(champion.DataHash)}).");
        changes.Add(lineage.ConfigHash == champion.ConfigHash
            ? "Training configuration unchanged."
            : $"Training configuration changed (hash {Short(champion.ConfigHash)} → {Short(lineage.ConfigHash)}): trainer {lineage.Trainer}, threshold {F(lineage.Threshold)} (production {F(champion.Threshold)}).");
        return changes;
    }

    // The latest drift check recorded on the production version, from the registry's event log.
    static string? DriftSummary(IModelRegistry registry)
    {
        try
        {
            if (registry.Stages.Production is not { } production) return null;
            var latest = registry.ReadEvents().Select(e => e.Event).OfType<DriftChecked>().Where(d => d.Version == production).LastOrDefault();
            return latest is null
                ? null
                : $"{latest.Verdict} on v{production} ({latest.TimeUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, {latest.CurrentData})" +
                  (latest.DriftedFeatures.Count > 0 ? $": {string.Join(", ", latest.DriftedFeatures)}." : ".");
        }
        catch (ModelingException)
        {
            return null; // a damaged registry is reported where it is used; the report goes on without the drift line
        }
    }

    static ModelMetadata? ProductionMetadata(IModelRegistry registry)
    {
        try
        {
            return registry.Stages.Production is { } version ? registry.Metadata(version) : null;
        }
        catch (ModelingException)
        {
            return null;
        }
    }

    static IReadOnlyList<string> Details(EvaluationRecord record, TrainingSummary? summary)
    {
        var details = new List<string>();
        if (summary is not null)
        {
            var l = summary.Lineage;
            details.Add($"run {l.RunId} · {l.Trainer} · threshold {F(l.Threshold)} · commit {l.GitCommit} · {l.DataRows:N0} rows of {l.DataSource}");
        }
        if (record.GateSnapshot is { } snapshot) details.Add($"compared with {snapshot}");
        return details;
    }

    static string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
}
