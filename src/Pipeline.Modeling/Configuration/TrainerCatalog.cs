namespace Pipeline.Modeling.Configuration;

/// <summary>The hyperparameters each trainer accepts, with defaults chosen for small tabular data.</summary>
public static class TrainerCatalog
{
    const double Unbounded = double.MaxValue;

    static readonly TrainerParameter Leaves = new("numberOfLeaves", 31, 2, false, 131072, true);
    static readonly TrainerParameter MinLeafCount = new("minimumExampleCountPerLeaf", 10, 1, false, Unbounded, true);
    static readonly TrainerParameter LearningRate = new("learningRate", 0.05, 0, true, 1, false);
    static readonly TrainerParameter FeatureFraction = new("featureFraction", 1, 0, true, 1, false);
    // Quantile bins: too few merge the rare extreme values where failures live (e.g. power below 3500 W).
    static readonly TrainerParameter Bins = new("maximumBinCountPerFeature", 1023, 2, false, 65536, true);

    static readonly IReadOnlyDictionary<TrainerKind, IReadOnlyList<TrainerParameter>> Parameters =
        new Dictionary<TrainerKind, IReadOnlyList<TrainerParameter>>
        {
            [TrainerKind.LightGbm] =
            [
                Leaves, MinLeafCount, LearningRate, FeatureFraction, Bins,
                new("numberOfIterations", 300, 1, false, 100000, true),
                new("l2Regularization", 0, 0, false, Unbounded, false),
                new("subsampleFraction", 1, 0, true, 1, false),
                // Rare failures weigh more, so the trees spend more splits on telling them apart.
                new("positiveWeight", 1, 0, true, Unbounded, false),
            ],
            [TrainerKind.FastTree] =
            [
                Leaves, MinLeafCount, LearningRate, FeatureFraction, Bins,
                new("numberOfTrees", 300, 1, false, 100000, true),
            ],
            [TrainerKind.FastForest] =
            [
                Leaves, MinLeafCount, FeatureFraction with { Default = 0.7 }, Bins,
                new("numberOfTrees", 300, 1, false, 100000, true),
            ],
        };

    /// <summary>The trainer names accepted in configuration, comma-separated, for error messages.</summary>
    public static string AllowedTrainerNames => string.Join(", ", Enum.GetNames<TrainerKind>());

    /// <summary>The parameters <paramref name="trainer"/> accepts.</summary>
    public static IReadOnlyList<TrainerParameter> ParametersOf(TrainerKind trainer) => Parameters[trainer];

    /// <summary>The default value of every parameter of <paramref name="trainer"/>.</summary>
    public static SortedDictionary<string, double> DefaultsOf(TrainerKind trainer) =>
        new(Parameters[trainer].ToDictionary(p => p.Name, p => p.Default), StringComparer.Ordinal);
}
