using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Promotion;
using Pipeline.Modeling.Steps;

namespace Pipeline.Modeling.Tests;

/// <summary>The evaluation report's operating point, permutation importance, champion's bootstrap interval and history chart.</summary>
public sealed class EvaluationReportSectionsTests
{
    [Fact]
    public void UnitCurve_MarksTheOperatingPointAtItsCoordinates_WithItsLabel()
    {
        var svg = SvgChart.UnitCurve("ROC", "false positive rate", "true positive rate", [new(0, 0), new(0.25, 0.75), new(1, 1)], diagonal: true,
            new RankingCurves.Point(0.25, 0.75), "threshold 0.4\nTPR 0.750, FPR 0.250");

        // 320 px square, 40 px margin: x = 40 + 0.25 × 240, y = 280 − 0.75 × 240.
        Assert.Contains("<circle class=\"operating-point\" cx=\"100\" cy=\"100\"", svg);
        Assert.Contains(">threshold 0.4</tspan>", svg);
        Assert.Contains(">TPR 0.750, FPR 0.250</tspan>", svg);
    }

    [Fact]
    public void Report_MarksTheModelsThresholdOnTheRocAndPrecisionRecallCurves()
    {
        var html = EvaluationReport.ToHtml(Result());

        Assert.Equal(2, Regex.Matches(html, "class=\"operating-point\"").Count);
        // At threshold 0.5: TP 3 of 4 positives, FP 1 of 4 negatives; precision 3/4.
        Assert.Contains(">TPR 0.750, FPR 0.250</tspan>", html);
        Assert.Contains(">recall 0.750, precision 0.750</tspan>", html);
    }

    [Fact]
    public void PermutationImportance_RanksTheFieldCarryingTheSignalFirst_AndANoiseFieldNearZero()
    {
        var random = new Random(7);
        var records = new List<IReadOnlyDictionary<string, JsonElement>>();
        var labels = new List<bool>();
        for (var i = 0; i < 600; i++)
        {
            var signal = random.NextDouble();
            records.Add(new Dictionary<string, JsonElement>
            {
                ["signal"] = JsonSerializer.SerializeToElement(signal),
                ["noise"] = JsonSerializer.SerializeToElement(random.NextDouble()),
            });
            labels.Add(signal + 0.2 * (random.NextDouble() - 0.5) > 0.5);
        }
        // The model: the probability is the signal field, whatever the noise field holds.
        float[] Score(IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> batch) => batch.Select(r => (float)r["signal"].GetDouble()).ToArray();

        var importance = PermutationImportance.Compute(records, labels, Score, repeats: 5);

        Assert.Equal(["signal", "noise"], importance.Fields.Select(f => f.Field));
        var signalField = importance.Fields[0];
        Assert.True(signalField.Lower > 0.3, $"shuffling the signal should cost much ROC AUC, not [{signalField.Lower}, {signalField.Upper}]");
        Assert.InRange(signalField.MeanDrop, signalField.Lower, signalField.Upper);
        var noise = importance.Fields[1];
        Assert.Equal(0, noise.MeanDrop, 1e-12);
        Assert.Equal((0.0, 0.0), (Math.Round(noise.Lower, 12), Math.Round(noise.Upper, 12)));
        Assert.Equal((600, 5), (importance.Rows, importance.Repeats));
        Assert.True(importance.Baseline > 0.9);
    }

    [Fact]
    public void PermutationImportance_RoundTripsThroughMetricsJson()
    {
        var importance = new PermutationImportance("rocAuc", 0.97, 2000, 5, [new("Torque [Nm]", 0.12, 0.1, 0.14), new("Type", 0.001, -0.002, 0.003)]);
        using var directory = new TemporaryDirectory();
        var path = directory["metrics.json"];

        EvaluationRecord.Of(Result() with { Permutation = importance }, "run-1", 8, "abc", gatePassed: true).Write(path, Result() with { Permutation = importance });

        Assert.Equal(importance.Fields, EvaluationRecord.Read(path).PermutationImportance!.Fields);
        Assert.Equal((0.97, 2000, 5), (EvaluationRecord.Read(path).PermutationImportance!.Baseline, EvaluationRecord.Read(path).PermutationImportance!.Rows, EvaluationRecord.Read(path).PermutationImportance!.Repeats));
    }

    [Fact]
    public void ChampionComparison_ShowsThePromotionRulesBootstrapInterval_WhichContainsTheObservedDifference()
    {
        var (labels, champion, challenger) = Pair();
        var decision = new PromotionRule(PromotionSettings.Default with { PrimaryMetric = "rocAuc", Resamples = 400 })
            .Decide(labels, new ScoredPredictions(champion, 0.5), new ScoredPredictions(challenger, 0.5));
        var comparison = new ChampionComparison(3, BinaryMetrics.Compute(champion, labels, 0.5), BinaryMetrics.Compute(challenger, labels, 0.5), decision);

        Assert.True(decision.Lower < decision.Upper && decision.Difference > 0.01, $"a real difference with a real interval: {decision.Sentence}");
        Assert.InRange(decision.Difference, decision.Lower, decision.Upper);
        var html = EvaluationReport.ToHtml(Result(labels, challenger) with { Champion = comparison });

        Assert.Contains($"improvement {Signed(decision.Difference)}, 95 % interval [{Signed(decision.Lower)}, {Signed(decision.Upper)}]", html);
        Assert.Contains("Challenger − champion: ROC AUC", html);
        Assert.Contains("class=\"interval\"", html);
    }

    [Fact]
    public void HistoryChart_WithNRuns_DrawsNPointsPerMetric_AndTheSnapshotAsALine()
    {
        var runs = Enumerable.Range(0, 7).Select(i => new HistoryRun($"2026113{i}-000000-abcdef", new DateTimeOffset(2026, 11, 1 + i, 0, 0, 0, TimeSpan.Zero),
            new Dictionary<string, double> { ["f1"] = 0.7 + i * 0.01, ["rocAuc"] = 0.95 + i * 0.003 })).ToList();
        var history = MetricHistory.Of(runs[..6], runs[6], new Dictionary<string, double> { ["f1"] = 0.72, ["rocAuc"] = 0.96 });

        var svg = HistoryChart.Svg(history);

        Assert.Equal(7, Regex.Matches(svg, "class=\"history-point\" data-metric=\"f1\"").Count);
        Assert.Equal(7, Regex.Matches(svg, "class=\"history-point\" data-metric=\"rocAuc\"").Count);
        Assert.Equal(2, Regex.Matches(svg, "class=\"history-snapshot\"").Count);
        Assert.Contains("(this run): F1 0.7600", svg);
    }

    [Fact]
    public void History_LeavesOutRunsNeverEvaluated_AndUsesTheCurrentRunsNewFigures()
    {
        var old = new HistoryRun("a", DateTimeOffset.UnixEpoch, new Dictionary<string, double> { ["f1"] = 0.5 });
        var unevaluated = new HistoryRun("b", DateTimeOffset.UnixEpoch.AddDays(1), new Dictionary<string, double>());
        var stale = new HistoryRun("c", DateTimeOffset.UnixEpoch.AddDays(2), new Dictionary<string, double> { ["f1"] = 0.1 });
        var current = stale with { Metrics = new Dictionary<string, double> { ["f1"] = 0.9 } };

        var history = MetricHistory.Of([old, unevaluated, stale], current, new Dictionary<string, double>());

        Assert.Equal(["a", "c"], history.Runs.Select(r => r.RunId));
        Assert.Equal(0.9, history.Runs[^1].Metrics["f1"]);
    }

    static string Signed(double value) => value.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture);

    // Eight rows: at threshold 0.5 three of four positives and one of four negatives are flagged.
    static EvaluationResult Result() => Result([true, true, true, true, false, false, false, false], [0.9f, 0.8f, 0.7f, 0.2f, 0.6f, 0.3f, 0.2f, 0.1f]);

    static EvaluationResult Result(IReadOnlyList<bool> labels, IReadOnlyList<float> probabilities) =>
        new("ai4i2020", "hash", "FastTree", BinaryMetrics.Compute(probabilities, labels, 0.5), null, [], null, probabilities, labels);

    static (bool[] Labels, float[] Champion, float[] Challenger) Pair()
    {
        var random = new Random(11);
        var labels = new bool[800];
        var champion = new float[800];
        var challenger = new float[800];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = random.NextDouble() < 0.3;
            var truth = labels[i] ? 1 : 0;
            // Overlapping scores, the challenger's less so: both rank imperfectly, the challenger better.
            champion[i] = (float)(0.25 * truth + 0.75 * random.NextDouble());
            challenger[i] = (float)(0.4 * truth + 0.6 * random.NextDouble());
        }
        return (labels, champion, challenger);
    }
}
