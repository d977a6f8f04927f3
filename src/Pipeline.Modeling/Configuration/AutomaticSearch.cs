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
    /// <summary>Up to this many training rows the data is small: only regularised candidates and a random forest.</summary>
    public const int SmallDataRows = 5_000;

    /// <summary>Up to this many training rows the 8-leaf regularised LightGbm is still tried beside the larger models.</summary>
    public const int MediumDataRows = 20_000;

    /// <summary>Above this many training rows only LightGbm's defaults are tried (cross-validation time stays bounded).</summary>
    public const int LargeDataRows = 200_000;

    /// <summary>The candidates for a training split of <paramref name="trainingRows"/> rows (two or three, one above <see cref="LargeDataRows"/>).</summary>
    public static IReadOnlyList<SearchCandidate> For(int trainingRows)
    {
        if (trainingRows > LargeDataRows) return [LightGbm("LightGbm", new())];
        // Few rows: small trees, a slow learning rate, row and column subsampling and L2 keep boosting from fitting
        // noise, and a forest of averaged trees with large leaves is the other robust choice.
        if (trainingRows <= SmallDataRows)
            return [Regularised(leaves: 4), Regularised(leaves: 8),
                Candidate(TrainerKind.FastForest, "FastForest", new()
                {
                    ["numberOfLeaves"] = 32, ["minimumExampleCountPerLeaf"] = 20, ["featureFraction"] = 0.5, ["numberOfTrees"] = 300,
                })];
        // More rows: LightGbm's defaults, and a slower bagged variant (twice the iterations at 0.4 times the rate).
        List<SearchCandidate> candidates = [LightGbm("LightGbm", new()), LightGbm("bagged LightGbm", new()
        {
            ["minimumExampleCountPerLeaf"] = 20, ["learningRate"] = 0.02, ["numberOfIterations"] = 600,
            ["featureFraction"] = 0.8, ["subsampleFraction"] = 0.8,
        })];
        if (trainingRows <= MediumDataRows) candidates.Insert(0, Regularised(leaves: 8));
        return candidates;
    }

    static SearchCandidate Regularised(int leaves) => LightGbm($"regularised LightGbm ({leaves} leaves)", new()
    {
        ["numberOfLeaves"] = leaves, ["minimumExampleCountPerLeaf"] = 20, ["learningRate"] = 0.02, ["numberOfIterations"] = 300,
        ["featureFraction"] = 0.8, ["subsampleFraction"] = 0.8, ["l2Regularization"] = 1,
    });

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
