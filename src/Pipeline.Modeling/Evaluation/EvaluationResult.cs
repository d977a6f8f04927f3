using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Modeling.Configuration;

namespace Pipeline.Modeling.Evaluation;

/// <summary>Cross-validation on the training split as reported beside the held-out metrics: folds and mean ± sd per metric.</summary>
public sealed record CrossValidationSpread(int Folds, IReadOnlyDictionary<string, MetricSpread> Spread);

/// <summary>Everything Evaluate measured on the held-out split, and its JSON form (artifacts/&lt;dataset&gt;/evaluation/metrics.json).</summary>
public sealed record EvaluationResult(
    string Dataset,
    string DataHash,
    string Trainer,
    BinaryMetrics Test,
    CrossValidationSpread? CrossValidation,
    IReadOnlyList<SliceMetrics> Slices,
    ChampionComparison? Champion,
    IReadOnlyList<float> Probabilities,
    IReadOnlyList<bool> Labels)
{
    /// <summary>Held-out results per cause of the label, when the model has cause models; empty otherwise.</summary>
    public IReadOnlyList<CauseMetrics> Causes { get; init; } = [];

    /// <summary>Permutation feature importance per input field on the held-out rows; null when it was not measured.</summary>
    public PermutationImportance? Permutation { get; init; }

    /// <summary>
    /// metrics.json: the gated metrics at the top level (accuracy, precision, recall, f1, rocAuc, prAuc, logLoss),
    /// then threshold, confusion matrix, cross-validation mean ± sd, slices, causes (with cause models) and champion
    /// vs challenger.
    /// </summary>
    public string ToJson() => ToJsonObject().ToJsonString(Indented);

    static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    // The JSON before it is written, for a caller that adds its own fields (Evaluate adds the run and model hash).
    internal JsonObject ToJsonObject()
    {
        var root = new JsonObject { ["dataset"] = Dataset, ["dataHash"] = DataHash, ["trainer"] = Trainer };
        foreach (var (name, value) in Test.ByName) root[name] = Round(value);
        root["threshold"] = Round(Test.Threshold);
        root["rows"] = Test.Rows;
        root["positives"] = Test.Positives;
        root["confusionMatrix"] = Confusion(Test.Confusion);
        if (CrossValidation is { } cv)
        {
            var spread = new JsonObject { ["folds"] = cv.Folds };
            foreach (var (name, s) in cv.Spread) spread[name] = new JsonObject { ["mean"] = Round(s.Mean), ["sd"] = Round(s.StandardDeviation) };
            root["crossValidation"] = spread;
        }
        var slices = new JsonObject();
        foreach (var column in Slices.GroupBy(s => s.Column))
        {
            var values = new JsonObject();
            foreach (var slice in column) values[slice.Value] = Metrics(slice.Metrics);
            slices[column.Key] = values;
        }
        root["slices"] = slices;
        if (Causes.Count > 0)
        {
            var causes = new JsonObject();
            foreach (var c in Causes)
                causes[c.Cause] = new JsonObject
                {
                    ["occurrences"] = c.Occurrences,
                    ["detected"] = c.Detected,
                    ["recall"] = double.IsNaN(c.Recall) ? null : Round(c.Recall),
                    ["causeModelRocAuc"] = double.IsNaN(c.CauseModelRocAuc) ? null : Round(c.CauseModelRocAuc),
                };
            root["causes"] = causes;
        }
        if (Permutation is { } permutation) root["permutationImportance"] = permutation.ToJson();
        root["champion"] = Champion is null ? null : new JsonObject
        {
            ["version"] = Champion.ChampionVersion,
            ["champion"] = Metrics(Champion.Champion),
            ["challenger"] = Metrics(Champion.Challenger),
            ["challengerWins"] = Champion.ChallengerWins,
        };
        root["promotion"] = Champion is null ? null : PromotionRecord.Of(Champion).ToJson();
        return root;
    }

    static JsonObject Metrics(BinaryMetrics m)
    {
        var o = new JsonObject { ["rows"] = m.Rows, ["positives"] = m.Positives, ["threshold"] = Round(m.Threshold) };
        foreach (var (name, value) in m.ByName) o[name] = double.IsNaN(value) ? null : Round(value);
        o["confusionMatrix"] = Confusion(m.Confusion);
        return o;
    }

    static JsonObject Confusion(ConfusionMatrix c) => new()
    {
        ["truePositives"] = c.TruePositives, ["falsePositives"] = c.FalsePositives,
        ["trueNegatives"] = c.TrueNegatives, ["falseNegatives"] = c.FalseNegatives,
    };

    internal static double Round(double value) => double.IsNaN(value) ? value : Math.Round(value, 6);

    /// <summary>The gated metrics by name.</summary>
    public IReadOnlyDictionary<string, double> GatedMetrics => MetricNames.All.ToDictionary(n => n, n => Test.ByName[n]);
}
