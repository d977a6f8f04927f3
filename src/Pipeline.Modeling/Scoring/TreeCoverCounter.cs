using Pipeline.Modeling.Scoring.Explanation;
using Pipeline.Modeling.Training;

namespace Pipeline.Modeling.Scoring;

/// <summary>Counts the training covers of a model file's trees (for <c>tree-covers.json</c>), which TreeSHAP needs and ML.NET does not keep.</summary>
public static class TreeCoverCounter
{
    /// <summary>
    /// Passes <paramref name="training"/>'s feature vectors down every tree of every member of the model at
    /// <paramref name="modelPath"/>; a member that is not a supported tree ensemble is recorded with the reason.
    /// </summary>
    /// <exception cref="ModelingException">The model file is missing or unreadable.</exception>
    public static TreeCovers Count(string modelPath, FeatureMatrix training)
    {
        using var predictor = FeaturePredictor.Load(modelPath, training.FeatureNames.Count);
        var members = predictor.MemberNames.Zip(predictor.Ensembles, (name, ensemble) => ensemble is null
            ? new MemberCovers(name, null, "it is not a tree ensemble with numerical splits that could be compiled and checked against ML.NET")
            : new MemberCovers(name, ensemble.CountCovers(training.Rows)));
        return new TreeCovers(training.Count, members.ToList());
    }
}
