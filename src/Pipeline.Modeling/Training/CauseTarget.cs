using Pipeline.Modeling.Configuration;

namespace Pipeline.Modeling.Training;

/// <summary>
/// A cause model's training target, resolved against a dataset: which rows of the training split show the cause,
/// and which feature slots the model may split on.
/// </summary>
/// <param name="Settings">The cause model's configuration.</param>
/// <param name="Labels">For each row of the training split, whether the cause occurred.</param>
/// <param name="UsesFeature">For each feature slot, whether the cause model may use it.</param>
public sealed record CauseTarget(CauseModelSettings Settings, bool[] Labels, bool[] UsesFeature)
{
    /// <summary>
    /// <paramref name="data"/> with the target's labels and every slot it may not use set to zero. A constant column
    /// is never split on, so the trained trees read only the allowed slots and score full feature vectors unchanged.
    /// </summary>
    internal FeatureMatrix TrainingMatrix(FeatureMatrix data, IReadOnlyList<int> rows)
    {
        var vectors = rows.Select(i =>
        {
            var source = data.Rows[i];
            if (UsesFeature.All(u => u)) return source;
            var masked = new float[source.Length];
            for (var f = 0; f < masked.Length; f++) masked[f] = UsesFeature[f] ? source[f] : 0f;
            return masked;
        }).ToArray();
        return new FeatureMatrix(data.FeatureNames, vectors, rows.Select(i => Labels[i]).ToArray());
    }
}
