using Pipeline.Modeling.Features;
using Pipeline.Modeling.Scoring;
using Pipeline.Modeling.Training;

namespace Pipeline.Modeling.Steps;

/// <summary>The trained model's scores on the held-out rows: each member's probabilities and their noisy-OR.</summary>
/// <param name="Probabilities">The combined probability per test row.</param>
/// <param name="Members">Each member's probabilities per test row (the whole-label model first).</param>
/// <param name="MemberNames">The members' names ("label", then the cause columns).</param>
sealed record ChallengerScores(float[] Probabilities, float[][] Members, IReadOnlyList<string> MemberNames)
{
    /// <summary>The cause members' probabilities by cause column.</summary>
    public IReadOnlyDictionary<string, float[]> CauseMembers =>
        MemberNames.Select((name, m) => (name, m)).Skip(1).ToDictionary(x => x.name, x => Members[x.m]);

    /// <summary>Scores the test split of <paramref name="features"/> with the model bytes Train wrote.</summary>
    /// <exception cref="ModelingException">The model's cause members are not the ones Train's summary lists.</exception>
    public static ChallengerScores Of(Workspace workspace, TrainingSummary summary, byte[] modelBytes, DatasetFeatures features)
    {
        var test = features.Test;
        ChallengerScores scores;
        using (var predictor = FeaturePredictor.Load(modelBytes, workspace.ModelPath, test.FeatureNames.Count))
        {
            var members = predictor.PredictMembers(test.Rows);
            scores = new ChallengerScores(ModelComposition.NoisyOr(members), members, predictor.MemberNames);
        }
        // Register copies the summary's causes into metadata.json, which the scoring service checks against the model file.
        var summaryCauses = (summary.Lineage.Causes ?? []).Select(c => c.Column).ToArray();
        if (!scores.MemberNames.Skip(1).SequenceEqual(summaryCauses))
            throw new ModelingException(
                $"The trained model {workspace.ModelPath} holds the cause models [{string.Join(", ", scores.MemberNames.Skip(1))}], but Train's summary {workspace.TrainingSummaryPath} " +
                $"lists [{string.Join(", ", summaryCauses)}]; run the Train target again.");
        return scores;
    }
}
