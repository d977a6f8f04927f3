using System.Globalization;
using System.Text;
using Pipeline.Modeling.Configuration;

namespace Pipeline.Modeling.Runs;

/// <summary>Text tables for the command line: the list of runs, and two or more runs side by side.</summary>
public static class RunTable
{
    /// <summary>One line per run: id, dataset, trainer, data hash, duration and the main test (or CV) metrics.</summary>
    public static string List(IReadOnlyList<RunRecord> runs)
    {
        if (runs.Count == 0) return "No runs recorded yet; run ./build.sh Train.";
        var text = new StringBuilder();
        var datasetWidth = Math.Max(7, runs.Max(r => r.Lineage.Dataset.Length));
        text.AppendLine($"{"run id",-23} {"dataset".PadRight(datasetWidth)} {"trainer",-10} {"data",-12} {"config",-12} {"secs",6} {"f1",7} {"rocAuc",7} {"accuracy",8}  metrics");
        foreach (var run in runs)
        {
            var (metrics, kind) = run.TestMetrics.Count > 0 ? (run.TestMetrics, "test") : (run.CrossValidationMeans, "cv");
            text.AppendLine($"{run.Lineage.RunId,-23} {run.Lineage.Dataset.PadRight(datasetWidth)} {run.Lineage.Trainer,-10} {Short(run.Lineage.DataHash),-12} {Short(run.Lineage.ConfigHash),-12} {run.DurationSeconds,6:0.0} {N(metrics, MetricNames.F1),7} {N(metrics, MetricNames.RocAuc),7} {N(metrics, MetricNames.Accuracy),8}  {kind}");
        }
        return text.ToString().TrimEnd();
    }

    /// <summary>The runs side by side: settings, parameters, CV and test metrics; differing rows are marked with '*'.</summary>
    public static string Compare(IReadOnlyList<RunRecord> runs)
    {
        var rows = new List<(string Name, string[] Values)>
        {
            ("started", runs.Select(r => r.StartedUtc.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)).ToArray()),
            ("dataset", runs.Select(r => r.Lineage.Dataset).ToArray()),
            ("trainer", runs.Select(r => r.Lineage.Trainer).ToArray()),
            ("data", runs.Select(r => Short(r.Lineage.DataHash)).ToArray()),
            ("config", runs.Select(r => Short(r.Lineage.ConfigHash)).ToArray()),
            ("commit", runs.Select(r => Short(r.Lineage.GitCommit) + (r.Lineage.GitCommit.EndsWith("-dirty", StringComparison.Ordinal) ? "-dirty" : "")).ToArray()),
            ("duration s", runs.Select(r => r.DurationSeconds.ToString("0.0", CultureInfo.InvariantCulture)).ToArray()),
            ("threshold", runs.Select(r => r.Lineage.Threshold.ToString("0.0000", CultureInfo.InvariantCulture)).ToArray()),
        };
        foreach (var name in runs.SelectMany(r => r.Lineage.Parameters.Keys).Distinct().Order(StringComparer.Ordinal))
            rows.Add(($"param {name}", runs.Select(r => r.Lineage.Parameters.TryGetValue(name, out var v) ? v.ToString("R", CultureInfo.InvariantCulture) : "-").ToArray()));
        foreach (var name in MetricNames.All)
            rows.Add(($"cv {name}", runs.Select(r => N(r.CrossValidationMeans, name)).ToArray()));
        foreach (var name in MetricNames.All)
            rows.Add(($"test {name}", runs.Select(r => N(r.TestMetrics, name)).ToArray()));

        var width = Math.Max(12, runs.Max(r => r.Lineage.RunId.Length));
        var nameWidth = rows.Max(r => r.Name.Length);
        var text = new StringBuilder();
        text.AppendLine($"  {new string(' ', nameWidth)} " + string.Join(" ", runs.Select(r => r.Lineage.RunId.PadRight(width))));
        foreach (var (name, values) in rows)
        {
            var differs = values.Distinct().Count() > 1 ? "*" : " ";
            text.AppendLine($"{differs} {name.PadRight(nameWidth)} " + string.Join(" ", values.Select(v => v.PadRight(width))).TrimEnd());
        }
        return text.ToString().TrimEnd();
    }

    static string N(IReadOnlyDictionary<string, double> metrics, string name) =>
        metrics.TryGetValue(name, out var v) && !double.IsNaN(v) ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "-";

    static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
}
