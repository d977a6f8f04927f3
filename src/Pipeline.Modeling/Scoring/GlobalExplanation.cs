using Pipeline.Data.Specs;
using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Scoring.Explanation;
using Pipeline.Modeling.Training;

namespace Pipeline.Modeling.Scoring;

/// <summary>The evaluation report's global view of explanations: mean absolute TreeSHAP contributions over held-out rows.</summary>
public static class GlobalExplanation
{
    /// <summary>
    /// Explains the whole-label member of the model in <paramref name="modelBytes"/> on up to <paramref name="maxRows"/>
    /// rows of <paramref name="test"/> (evenly spaced, so the same rows each time), with covers counted on
    /// <paramref name="train"/> as registration counts them.
    /// </summary>
    public static ContributionImportance Of(byte[] modelBytes, string modelPath, DatasetSpec spec, FeatureMatrix train, FeatureMatrix test, int maxRows = 2000)
    {
        using var predictor = FeaturePredictor.Load(modelBytes, modelPath, train.FeatureNames.Count);
        var member = predictor.MemberNames[0];
        if (predictor.Ensembles[0] is not { } ensemble)
            return new ContributionImportance(member, 0, [], [], $"the {member} model is not a tree ensemble with numerical splits, which TreeSHAP needs");
        var (trees, _) = ensemble.WithCovers(ensemble.CountCovers(train.Rows));
        var explainer = new EnsembleExplainer(trees!, ensemble.Bias);
        var fields = FieldAttribution.For(spec);
        var step = Math.Max(1, (test.Count + maxRows - 1) / maxRows);
        var featureSums = new double[train.FeatureNames.Count];
        var fieldSums = new double[fields.Fields.Count];
        var rows = 0;
        for (var r = 0; r < test.Count; r += step, rows++)
        {
            var contributions = explainer.Contributions(test.Rows[r]);
            for (var f = 0; f < contributions.Length; f++) featureSums[f] += Math.Abs(contributions[f]);
            var grouped = fields.Group(contributions);
            for (var f = 0; f < grouped.Length; f++) fieldSums[f] += Math.Abs(grouped[f]);
        }
        IReadOnlyList<KeyValuePair<string, double>> Ranked(IReadOnlyList<string> names, double[] sums) =>
            names.Select((name, i) => KeyValuePair.Create(name, rows == 0 ? 0 : sums[i] / rows)).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        return new ContributionImportance(member, rows, Ranked(train.FeatureNames, featureSums), Ranked(fields.Fields, fieldSums));
    }
}
