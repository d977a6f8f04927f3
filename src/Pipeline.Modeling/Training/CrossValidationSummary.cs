using Pipeline.Modeling.Evaluation;

namespace Pipeline.Modeling.Training;

/// <summary>How the chosen hyperparameters did in k-fold cross-validation on the training split.</summary>
/// <param name="Folds">Number of folds.</param>
/// <param name="PerFold">Each fold's metrics on its held-out rows, at the chosen threshold.</param>
/// <param name="Spread">Metric name → mean ± sample standard deviation over the folds.</param>
/// <param name="OutOfFold">Metrics of all out-of-fold predictions pooled (what the threshold was chosen on).</param>
public sealed record CrossValidationSummary(
    int Folds, IReadOnlyList<BinaryMetrics> PerFold, IReadOnlyDictionary<string, MetricSpread> Spread, BinaryMetrics OutOfFold)
{
    internal static CrossValidationSummary From(IReadOnlyList<BinaryMetrics> perFold, BinaryMetrics outOfFold)
    {
        var spread = new Dictionary<string, MetricSpread>();
        foreach (var name in outOfFold.ByName.Keys)
        {
            var values = perFold.Select(m => m.ByName[name]).ToArray();
            var mean = values.Average();
            var sd = values.Length < 2 ? 0 : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
            spread[name] = new MetricSpread(mean, sd);
        }
        return new CrossValidationSummary(perFold.Count, perFold, spread, outOfFold);
    }
}

/// <summary>One hyperparameter candidate of the search and its out-of-fold score.</summary>
/// <param name="Parameters">The full parameter set.</param>
/// <param name="PrAuc">Out-of-fold average precision, the search's criterion.</param>
/// <param name="BestF1">Out-of-fold F1 at its best threshold.</param>
public sealed record CandidateResult(IReadOnlyDictionary<string, double> Parameters, double PrAuc, double BestF1)
{
    /// <summary>The candidate's trainer (null in summaries written before candidates could differ in trainer).</summary>
    public Configuration.TrainerKind? Trainer { get; init; }

    /// <summary>The automatic search's name of the candidate; null for a configured one.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }
}
