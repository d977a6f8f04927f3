namespace Pipeline.Modeling.Evaluation;

/// <summary>
/// How the model does on the held-out rows where one cause of the label occurred (for AI4I, one failure mode): how
/// many such rows there are, how many the model flags at its threshold, and how well that cause's own model ranks
/// them. Shows which causes the model misses, which the headline recall hides.
/// </summary>
/// <param name="Cause">The cause column, or <see cref="NoListedCause"/> for positives with none of them.</param>
/// <param name="Occurrences">Held-out rows where the cause occurred.</param>
/// <param name="Detected">Of those, the rows whose probability is at or above the threshold.</param>
/// <param name="CauseModelRocAuc">ROC AUC of the cause model's probabilities against the cause column; NaN when there is no such model or the column has one value only.</param>
public sealed record CauseMetrics(string Cause, int Occurrences, int Detected, double CauseModelRocAuc)
{
    /// <summary>The name of the row for positives where no listed cause occurred.</summary>
    public const string NoListedCause = "(no listed cause)";

    /// <summary>Detected ÷ occurrences; NaN without occurrences.</summary>
    public double Recall => Occurrences == 0 ? double.NaN : (double)Detected / Occurrences;

    /// <summary>One row per cause, then one for the positives none of the causes explains.</summary>
    /// <param name="causes">Cause column → whether the cause occurred, per held-out row.</param>
    /// <param name="causeModelProbabilities">Cause column → its cause model's probability per held-out row.</param>
    /// <param name="probabilities">The model's probabilities per held-out row.</param>
    /// <param name="labels">The labels per held-out row.</param>
    /// <param name="threshold">The decision threshold.</param>
    public static IReadOnlyList<CauseMetrics> Compute(IReadOnlyList<(string Cause, bool[] Occurred)> causes,
        IReadOnlyDictionary<string, float[]> causeModelProbabilities, IReadOnlyList<float> probabilities, IReadOnlyList<bool> labels, double threshold)
    {
        var result = new List<CauseMetrics>();
        foreach (var (cause, occurred) in causes)
        {
            var rows = Enumerable.Range(0, occurred.Length).Where(i => occurred[i]).ToArray();
            var auc = causeModelProbabilities.TryGetValue(cause, out var own) && rows.Length > 0 && rows.Length < occurred.Length
                ? RankingCurves.RocAuc(own, occurred) : double.NaN;
            result.Add(new CauseMetrics(cause, rows.Length, rows.Count(i => probabilities[i] >= threshold), auc));
        }
        var unexplained = Enumerable.Range(0, labels.Count).Where(i => labels[i] && causes.All(c => !c.Occurred[i])).ToArray();
        result.Add(new CauseMetrics(NoListedCause, unexplained.Length, unexplained.Count(i => probabilities[i] >= threshold), double.NaN));
        return result;
    }
}
