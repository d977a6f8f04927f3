namespace Pipeline.Modeling.Evaluation;

/// <summary>Held-out metrics of the rows whose categorical <paramref name="Column"/> equals <paramref name="Value"/>.</summary>
public sealed record SliceMetrics(string Column, string Value, BinaryMetrics Metrics)
{
    /// <summary>Metrics per value of each categorical column, values in ordinal order.</summary>
    /// <param name="categoricals">Column name → the value of that column for each evaluated row.</param>
    /// <param name="probabilities">Predicted probabilities, one per row.</param>
    /// <param name="labels">True labels, one per row.</param>
    /// <param name="threshold">The decision threshold.</param>
    public static IReadOnlyList<SliceMetrics> Compute(IReadOnlyDictionary<string, string[]> categoricals,
        IReadOnlyList<float> probabilities, IReadOnlyList<bool> labels, double threshold)
    {
        var slices = new List<SliceMetrics>();
        foreach (var (column, values) in categoricals.OrderBy(c => c.Key, StringComparer.Ordinal))
            foreach (var group in Enumerable.Range(0, values.Length).GroupBy(i => values[i]).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var rows = group.ToArray();
                slices.Add(new SliceMetrics(column, group.Key, BinaryMetrics.Compute(
                    rows.Select(i => probabilities[i]).ToArray(), rows.Select(i => labels[i]).ToArray(), threshold)));
            }
        return slices;
    }
}
