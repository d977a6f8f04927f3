namespace Pipeline.Modeling.Training;

/// <summary>
/// Rows already turned into float feature vectors (by the data library's FeatureVectorizer) with their labels:
/// the only form of data the trainer and the evaluator see.
/// </summary>
public sealed class FeatureMatrix
{
    /// <summary>Creates a matrix; every row must have <paramref name="featureNames"/>.Count values.</summary>
    public FeatureMatrix(IReadOnlyList<string> featureNames, float[][] rows, bool[] labels)
    {
        if (rows.Length != labels.Length)
            throw new ArgumentException($"{rows.Length} feature rows but {labels.Length} labels.");
        for (var i = 0; i < rows.Length; i++)
            if (rows[i].Length != featureNames.Count)
                throw new ArgumentException($"Row {i} has {rows[i].Length} features, expected {featureNames.Count}.");
        FeatureNames = featureNames;
        Rows = rows;
        Labels = labels;
    }

    /// <summary>Names of the vector's slots, in order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The feature vectors.</summary>
    public float[][] Rows { get; }

    /// <summary>The labels (true = positive class).</summary>
    public bool[] Labels { get; }

    /// <summary>Number of rows.</summary>
    public int Count => Rows.Length;

    /// <summary>Number of positive rows.</summary>
    public int PositiveCount => Labels.Count(l => l);

    /// <summary>The rows at <paramref name="indices"/>, in that order (vectors are shared, not copied).</summary>
    public FeatureMatrix Subset(IReadOnlyList<int> indices) =>
        new(FeatureNames, indices.Select(i => Rows[i]).ToArray(), indices.Select(i => Labels[i]).ToArray());
}
