using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Steps;

namespace Pipeline.Modeling.Tests;

/// <summary>
/// Evaluate's console: a short slice summary (the worst slices by the primary metric with counts, numeric values in
/// numeric order) instead of one line per category, and "n/a (why)" where a metric is undefined.
/// </summary>
public sealed class EvaluationLinesTests
{
    /// <summary>A slice whose rows score <paramref name="scores"/> with labels <paramref name="labels"/>.</summary>
    private static SliceMetrics Slice(string column, string value, float[] scores, bool[] labels) =>
        new(column, value, BinaryMetrics.Compute(scores, labels, 0.5));

    private static SliceMetrics Perfect(string column, string value) =>
        Slice(column, value, [0.9f, 0.8f, 0.2f, 0.1f], [true, true, false, false]);

    [Fact]
    public void Shows_only_the_worst_slices_by_the_primary_metric_with_their_counts()
    {
        var slices = Enumerable.Range(1, 12).Select(i => Perfect("port", i.ToString())).ToList();
        slices.Add(Slice("port", "99", [0.9f, 0.8f, 0.7f, 0.1f], [false, true, false, true])); // ROC AUC 0.25
        var lines = EvaluationLines.SliceSummary(slices, MetricNames.RocAuc).ToList();

        Assert.Equal(1 + EvaluationLines.WorstSlices, lines.Count);
        Assert.StartsWith("Slices: 13 over 1 column(s)", lines[0]);
        Assert.StartsWith("  slice port=99: 4 rows, 2 positive", lines[1]);
        Assert.Contains("ROC AUC 0.2500", lines[1]);
        Assert.StartsWith("  slice port=1:", lines[2]); // ties in numeric order: 1, 2, 3 … not 1, 10, 11
        Assert.StartsWith("  slice port=2:", lines[3]);
    }

    [Fact]
    public void Says_why_a_metric_is_undefined_instead_of_NaN()
    {
        var noPositives = Slice("flag", "S1", [0.2f, 0.7f], [false, false]);
        var noNegatives = Slice("flag", "S0", [0.6f, 0.9f], [true, true]);
        var lines = EvaluationLines.SliceSummary([Perfect("flag", "SF"), noPositives, noNegatives], MetricNames.RocAuc).ToList();

        Assert.DoesNotContain(lines, l => l.Contains("NaN", StringComparison.Ordinal));
        Assert.Equal("  2 slice(s) where ROC AUC is n/a: flag=S0 (2 rows, no negative rows), flag=S1 (2 rows, no positive rows)", lines[^1]);
        Assert.Equal("n/a (no positive rows)", EvaluationLines.Value(noPositives.Metrics, MetricNames.F1));
        Assert.Equal("n/a (nothing predicted positive)", EvaluationLines.Value(Slice("c", "v", [0.1f], [true]).Metrics, MetricNames.Precision));
        Assert.Equal("1.0000", EvaluationLines.Value(Perfect("c", "v").Metrics, MetricNames.RocAuc));
    }
}
