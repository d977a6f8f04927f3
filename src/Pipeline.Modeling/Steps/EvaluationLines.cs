using System.Globalization;
using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Evaluation;

namespace Pipeline.Modeling.Steps;

/// <summary>
/// The console lines of Evaluate: held-out metrics ("n/a (why)" where one is undefined), a short slice summary (the
/// worst slices by the primary metric with their counts, and those where it is undefined; every slice is in
/// metrics.json and the report), and one line per cause.
/// </summary>
static class EvaluationLines
{
    /// <summary>How many of the worst slices the console shows.</summary>
    public const int WorstSlices = 5;

    /// <summary>How many slices with an undefined primary metric are named before "…".</summary>
    public const int UndefinedNamed = 6;

    /// <summary>The lines for <paramref name="result"/>, in the order Evaluate prints them.</summary>
    public static IEnumerable<string> Of(EvaluationResult result, string primaryMetric = MetricNames.RocAuc)
    {
        var m = result.Test;
        yield return $"Held-out ({m.Rows} rows, {m.Positives} positive, threshold {m.Threshold:F4}): accuracy {m.Accuracy:F4}, precision {Value(m, MetricNames.Precision)}, recall {Value(m, MetricNames.Recall)}, F1 {Value(m, MetricNames.F1)}, ROC AUC {Value(m, MetricNames.RocAuc)}, PR AUC {Value(m, MetricNames.PrAuc)}, log-loss {m.LogLoss:F4}.";
        foreach (var line in SliceSummary(result.Slices, primaryMetric)) yield return line;
        foreach (var cause in result.Causes)
            yield return $"  cause {cause.Cause}: " + (cause.Occurrences == 0 ? "no held-out row has it" : $"{cause.Detected} of {cause.Occurrences} detected (recall {cause.Recall:F4})") +
                (double.IsNaN(cause.CauseModelRocAuc) ? "" : $", its model's ROC AUC on its flag {cause.CauseModelRocAuc:F4}");
    }

    /// <summary>The worst slices by <paramref name="primaryMetric"/>, then those where it is undefined.</summary>
    internal static IEnumerable<string> SliceSummary(IReadOnlyList<SliceMetrics> slices, string primaryMetric)
    {
        if (slices.Count == 0) yield break;
        var name = DisplayName(primaryMetric);
        var defined = slices.Where(s => Undefined(s.Metrics, primaryMetric) is null).ToList();
        var undefined = slices.Where(s => Undefined(s.Metrics, primaryMetric) is not null).OrderBy(s => s, SliceOrder.Instance).ToList();
        var higherIsBetter = MetricNames.HigherIsBetter(primaryMetric);
        var worst = defined
            .OrderBy(s => higherIsBetter ? s.Metrics.ByName[primaryMetric] : -s.Metrics.ByName[primaryMetric])
            .ThenBy(s => s, SliceOrder.Instance)
            .Take(WorstSlices).ToList();
        yield return $"Slices: {slices.Count} over {slices.Select(s => s.Column).Distinct().Count()} column(s), all in metrics.json and report.html; "
            + (worst.Count == 0 ? $"none has a defined {name}." : $"the {worst.Count} worst by {name}:");
        foreach (var s in worst)
            yield return $"  slice {s.Column}={s.Value}: {s.Metrics.Rows} rows, {s.Metrics.Positives} positive, F1 {Value(s.Metrics, MetricNames.F1)}, ROC AUC {Value(s.Metrics, MetricNames.RocAuc)}, PR AUC {Value(s.Metrics, MetricNames.PrAuc)}";
        if (undefined.Count > 0)
            yield return $"  {undefined.Count} slice(s) where {name} is n/a: "
                + string.Join(", ", undefined.Take(UndefinedNamed).Select(s => $"{s.Column}={s.Value} ({s.Metrics.Rows} rows, {Undefined(s.Metrics, primaryMetric)})"))
                + (undefined.Count > UndefinedNamed ? ", …" : "");
    }

    /// <summary>A metric's value with four decimals, or "n/a (why)" where it is undefined.</summary>
    internal static string Value(BinaryMetrics metrics, string metric) =>
        Undefined(metrics, metric) is { } why ? $"n/a ({why})" : metrics.ByName[metric].ToString("F4", CultureInfo.InvariantCulture);

    /// <summary>Why <paramref name="metric"/> is undefined on these rows, or null when it is defined.</summary>
    internal static string? Undefined(BinaryMetrics metrics, string metric)
    {
        var negatives = metrics.Rows - metrics.Positives;
        var noPositive = metrics.Positives == 0 ? "no positive rows" : null;
        return metric switch
        {
            MetricNames.RocAuc => noPositive ?? (negatives == 0 ? "no negative rows" : null),
            MetricNames.PrAuc or MetricNames.Recall or MetricNames.F1 => noPositive,
            MetricNames.Precision => metrics.Confusion.TruePositives + metrics.Confusion.FalsePositives == 0 ? "nothing predicted positive" : null,
            _ => metrics.Rows == 0 ? "no rows" : null,
        };
    }

    private static string DisplayName(string metric) => metric switch
    {
        MetricNames.RocAuc => "ROC AUC",
        MetricNames.PrAuc => "PR AUC",
        MetricNames.F1 => "F1",
        MetricNames.LogLoss => "log-loss",
        _ => metric,
    };

    /// <summary>Slices by column, then by value: numerically when both values are numbers ("2" before "10"), else ordinally.</summary>
    private sealed class SliceOrder : IComparer<SliceMetrics>
    {
        public static readonly SliceOrder Instance = new();

        public int Compare(SliceMetrics? x, SliceMetrics? y)
        {
            var byColumn = string.CompareOrdinal(x!.Column, y!.Column);
            if (byColumn != 0) return byColumn;
            return double.TryParse(x.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
                && double.TryParse(y.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var b)
                ? a.CompareTo(b)
                : string.CompareOrdinal(x.Value, y.Value);
        }
    }
}
