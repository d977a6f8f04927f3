namespace Pipeline.Modeling.Configuration;

/// <summary>
/// The candidates of <c>"search": "auto"</c> (and of a dataset without a training configuration): a small set of
/// trainers and hyperparameters that do well on tabular data nobody has tuned for, scaled to the training split's row
/// count so that small data gets the regularised candidates and the cross-validation's time stays bounded on large
/// data. Cross-validation picks among them by out-of-fold PR AUC, as for any search; nothing here looks at the data
/// beyond its size.
/// </summary>
public static class AutomaticSearch
{
    /// <summary>Up to this many training rows, every candidate is tried.</summary>
    public const int SmallDataRows = 5_000;

    /// <summary>Above this many training rows, the random forest is left out (it is the slowest candidate to fit).</summary>
    public const int ForestRowLimit = 100_000;

    /// <summary>The candidates for a training split of <paramref name="trainingRows"/> rows, the most regularised first.</summary>
    public static IReadOnlyList<SearchCandidate> For(int trainingRows)
    {
        var candidates = new List<SearchCandidate>();
        // Few rows: shallow trees, a slow learning rate and row/column subsampling keep boosting from memorising noise.
        if (trainingRows <= SmallDataRows)
            candidates.Add(LightGbm("regularised LightGbm", new()
            {
                ["numberOfLeaves"] = 8, ["minimumExampleCountPerLeaf"] = 20, ["learningRate"] = 0.02, ["numberOfIterations"] = 300,
                ["featureFraction"] = 0.8, ["subsampleFraction"] = 0.8, ["l2Regularization"] = 1,
            }));
        candidates.Add(LightGbm("LightGbm", new()));
        // A random forest: averaged deep trees, hard to overfit and often the best ranker on small or noisy data.
        if (trainingRows <= ForestRowLimit)
            candidates.Add(Candidate(TrainerKind.FastForest, "FastForest", new()
            {
                ["numberOfLeaves"] = 64, ["minimumExampleCountPerLeaf"] = 5, ["featureFraction"] = 0.5, ["numberOfTrees"] = 300,
            }));
        return candidates;
    }

    static SearchCandidate LightGbm(string name, Dictionary<string, double> overrides) => Candidate(TrainerKind.LightGbm, name, overrides);

    static SearchCandidate Candidate(TrainerKind trainer, string name, Dictionary<string, double> overrides)
    {
        var parameters = TrainerCatalog.DefaultsOf(trainer);
        foreach (var (key, value) in overrides)
        {
            if (!parameters.ContainsKey(key)) throw new InvalidOperationException($"{key} is not a parameter of {trainer}.");
            parameters[key] = value;
        }
        return new SearchCandidate(trainer, parameters, name);
    }
}
