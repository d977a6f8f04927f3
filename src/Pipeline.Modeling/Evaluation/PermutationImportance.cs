using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Modeling.Evaluation;

/// <summary>How much the model's ROC AUC drops when one input field's values are shuffled across the held-out rows.</summary>
/// <param name="Field">The input field (a column of a scoring request).</param>
/// <param name="MeanDrop">Mean drop of the metric over the repeats (baseline − permuted; positive = the model relies on the field).</param>
/// <param name="Lower">The 2.5th percentile of the drops over the repeats.</param>
/// <param name="Upper">The 97.5th percentile of the drops over the repeats.</param>
public sealed record FieldImportance(string Field, double MeanDrop, double Lower, double Upper);

/// <summary>
/// Permutation feature importance on the held-out rows (as ML.NET's PermutationFeatureImportance and scikit-learn's
/// permutation_importance measure it, but per input field and over the whole model, members and noisy-OR included):
/// each field's values are shuffled across the rows, the rows are scored again, and the drop of the metric is
/// recorded; several repeats with different shuffles give its interval. Fields are sorted by mean drop, largest first.
/// </summary>
/// <param name="Metric">The metric whose drop is measured (<c>rocAuc</c>).</param>
/// <param name="Baseline">The metric on the rows as they are.</param>
/// <param name="Rows">How many held-out rows were scored (evenly spaced when capped).</param>
/// <param name="Repeats">Shuffles per field.</param>
/// <param name="Fields">The drop per input field, largest first.</param>
public sealed record PermutationImportance(string Metric, double Baseline, int Rows, int Repeats, IReadOnlyList<FieldImportance> Fields)
{
    /// <summary>Scores records (one probability each, in order): the whole model as the service would. Called from several threads at once.</summary>
    public delegate float[] Scorer(IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> records);

    /// <summary>
    /// Measures the importance of every field of <paramref name="records"/> for <paramref name="score"/> by the drop
    /// of ROC AUC on <paramref name="labels"/>. At most <paramref name="maxRows"/> rows (evenly spaced) are used, and
    /// the shuffles are seeded by <paramref name="seed"/> (System.Random's seeded generator), so the figures are the same on every run.
    /// </summary>
    /// <exception cref="ArgumentException">Records and labels differ in number, or fewer than 2 repeats.</exception>
    public static PermutationImportance Compute(IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> records, IReadOnlyList<bool> labels,
        Scorer score, int repeats = 5, int maxRows = 2000, int seed = 20261130)
    {
        if (records.Count != labels.Count)
            throw new ArgumentException($"Permutation importance needs one label per record: {records.Count} records, {labels.Count} labels.", nameof(labels));
        if (repeats < 2)
            throw new ArgumentException($"Permutation importance needs at least 2 repeats for an interval, not {repeats}.", nameof(repeats));
        var step = Math.Max(1, (records.Count + maxRows - 1) / Math.Max(1, maxRows));
        var rows = Enumerable.Range(0, (records.Count + step - 1) / step).Select(i => i * step).ToArray();
        var sample = rows.Select(r => records[r]).ToList();
        var sampleLabels = rows.Select(r => labels[r]).ToArray();
        var baseline = RankingCurves.RocAuc(score(sample), sampleLabels);
        var fields = sample.Count == 0 ? [] : sample[0].Keys.Order(StringComparer.Ordinal).ToList();

        // Fields in parallel (the scorer is thread-safe); each shuffle has its own seed, so the result does not depend on scheduling.
        var importances = new FieldImportance[fields.Count];
        Parallel.For(0, fields.Count, f =>
        {
            var drops = new double[repeats];
            for (var r = 0; r < repeats; r++)
            {
                var order = Shuffled(sample.Count, new Random(unchecked(seed * 1_000_003 + f * 1_009 + r)));
                var permuted = new IReadOnlyDictionary<string, JsonElement>[sample.Count];
                for (var i = 0; i < sample.Count; i++)
                    permuted[i] = new Dictionary<string, JsonElement>(sample[i]) { [fields[f]] = sample[order[i]][fields[f]] };
                drops[r] = baseline - RankingCurves.RocAuc(score(permuted), sampleLabels);
            }
            Array.Sort(drops);
            importances[f] = new FieldImportance(fields[f], drops.Average(), Quantile(drops, 0.025), Quantile(drops, 0.975));
        });
        return new PermutationImportance(Configuration.MetricNames.RocAuc, baseline, sample.Count, repeats,
            importances.OrderByDescending(i => i.MeanDrop).ThenBy(i => i.Field, StringComparer.Ordinal).ToList());
    }

    /// <summary>The JSON form in metrics.json (<c>permutationImportance</c>).</summary>
    public JsonObject ToJson() => new()
    {
        ["metric"] = Metric,
        ["baseline"] = EvaluationResult.Round(Baseline),
        ["rows"] = Rows,
        ["repeats"] = Repeats,
        ["fields"] = new JsonArray(Fields.Select(f => (JsonNode)new JsonObject
        {
            ["field"] = f.Field, ["meanDrop"] = EvaluationResult.Round(f.MeanDrop),
            ["lower"] = EvaluationResult.Round(f.Lower), ["upper"] = EvaluationResult.Round(f.Upper),
        }).ToArray()),
    };

    /// <summary>Reads the JSON form; null when <paramref name="json"/> is not one (a file from before it was recorded).</summary>
    public static PermutationImportance? From(JsonNode? json)
    {
        if (json is not JsonObject o || o["fields"] is not JsonArray fields) return null;
        static double Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<double>(out var x) ? x : double.NaN;
        static int Whole(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var x) ? x : 0;
        return new PermutationImportance(o["metric"] is JsonValue m && m.TryGetValue<string>(out var metric) ? metric : "", Number(o["baseline"]),
            Whole(o["rows"]), Whole(o["repeats"]),
            fields.OfType<JsonObject>().Select(f => new FieldImportance(f["field"] is JsonValue n && n.TryGetValue<string>(out var name) ? name : "",
                Number(f["meanDrop"]), Number(f["lower"]), Number(f["upper"]))).ToList());
    }

    static int[] Shuffled(int count, Random random)
    {
        var order = Enumerable.Range(0, count).ToArray();
        random.Shuffle(order);
        return order;
    }

    static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
