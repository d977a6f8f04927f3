namespace Pipeline.Modeling.Scoring.Explanation;

/// <summary>
/// Exact TreeSHAP for one tree ensemble (trees with covers, plus the ensemble's bias): for any feature vector,
/// <c>BaseValue + Σ contributions = raw score</c>. Immutable, so thread-safe.
/// </summary>
public sealed class EnsembleExplainer
{
    readonly ShapTree[] trees;

    /// <summary>Creates the explainer of the ensemble <c>bias + Σ trees</c>.</summary>
    public EnsembleExplainer(ShapTree[] trees, double bias)
    {
        this.trees = trees;
        Bias = bias;
        BaseValue = bias + trees.Sum(t => t.ExpectedValue);
    }

    /// <summary>The ensemble's constant term.</summary>
    public double Bias { get; }

    /// <summary>The expected raw score under the training covers (plus the bias): what the contributions start from.</summary>
    public double BaseValue { get; }

    /// <summary>The raw score (before calibration) of <paramref name="features"/>.</summary>
    public double RawScore(ReadOnlySpan<float> features)
    {
        var score = Bias;
        foreach (var tree in trees) score += tree.Predict(features);
        return score;
    }

    /// <summary>Each feature slot's contribution to the raw score of <paramref name="features"/>.</summary>
    public double[] Contributions(ReadOnlySpan<float> features)
    {
        var contributions = new double[features.Length];
        foreach (var tree in trees) TreeShap.Accumulate(tree, features, contributions);
        return contributions;
    }
}
