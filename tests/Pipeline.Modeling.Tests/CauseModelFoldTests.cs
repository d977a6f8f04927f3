using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Training;
using Pipeline.Modeling.Features;

namespace Pipeline.Modeling.Tests;

/// <summary>
/// Folds are stratified by the label, not by a cause, so a cause's few true rows may all be held out by one fold,
/// whose training rows then show the cause nowhere.
/// </summary>
public class CauseModelFoldTests
{
    [Fact]
    public void CauseAbsentFromAFoldsTrainingRows_StillTrainsAndScores()
    {
        var features = DatasetFeatures.From(SimulatedData.Load());
        var configuration = TrainingConfigurationLoader.Parse("""
            { "crossValidationFolds": 3, "parameters": { "numberOfLeaves": 8, "numberOfIterations": 30 },
              "causes": [ { "column": "TWF", "features": ["Tool wear [min]"], "parameters": { "numberOfLeaves": 2 } } ] }
            """, "training.json");
        var folds = features.TrainingFolds(configuration.CrossValidationFolds, configuration.Seed);
        var resolved = Assert.Single(features.CauseTargets(configuration));
        // The cause's true rows moved into fold 0: its training rows in folds 1 and 2 hold all of them, fold 0's none.
        var labels = new bool[features.TrainRows.Length];
        foreach (var row in folds[0].Take(resolved.Labels.Count(l => l))) labels[row] = true;
        var target = resolved with { Labels = labels };

        Assert.DoesNotContain(true, Enumerable.Range(0, labels.Length).Except(folds[0]).Select(i => labels[i]));

        var model = ModelTrainer.Train(features.Train, folds, configuration, causes: [target]);

        Assert.Equal(["TWF"], model.Causes.Select(c => c.Column));
        Assert.NotNull(model.CauseGain);
        Assert.All(model.PredictProbabilities(features.Test), p => Assert.InRange(p, 0f, 1f));
    }
}
