using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Features;

namespace Pipeline.Modeling.Tests;

public class ModelTrainerTests
{
    static (float[] Probabilities, Training.TrainedModel Model) TrainOnce(string configuration, string modelPath)
    {
        var features = DatasetFeatures.From(SimulatedData.Load());
        var config = TrainingConfigurationLoader.Parse(configuration, "test");
        var model = Training.ModelTrainer.Train(features.Train, features.TrainingFolds(config.CrossValidationFolds, config.Seed), config);
        model.Save(modelPath);
        return (model.PredictProbabilities(features.Test), model);
    }

    [Fact]
    public void TwoTrainings_OnTheSameInputs_GiveIdenticalMetricsAndModelBytes()
    {
        using var folder = new TemporaryDirectory();
        var (first, firstModel) = TrainOnce(SimulatedData.FastConfiguration, folder["a.zip"]);
        var (second, secondModel) = TrainOnce(SimulatedData.FastConfiguration, folder["b.zip"]);

        Assert.Equal(first, second);
        Assert.Equal(firstModel.Threshold, secondModel.Threshold);
        Assert.Equal(firstModel.CrossValidation.Spread[MetricNames.F1], secondModel.CrossValidation.Spread[MetricNames.F1]);
        Assert.Equal(File.ReadAllBytes(folder["a.zip"]), File.ReadAllBytes(folder["b.zip"]));
    }

    [Theory]
    [InlineData("""{ "trainer": "FastTree", "crossValidationFolds": 3, "parameters": { "numberOfTrees": 30, "numberOfLeaves": 8 } }""")]
    [InlineData("""{ "trainer": "FastForest", "crossValidationFolds": 3, "parameters": { "numberOfTrees": 30, "numberOfLeaves": 8 } }""")]
    public void OtherTrainers_GiveProbabilitiesThatRankFailuresFirst(string configuration)
    {
        using var folder = new TemporaryDirectory();
        var (probabilities, model) = TrainOnce(configuration, folder["m.zip"]);
        var test = DatasetFeatures.From(SimulatedData.Load()).Test;
        Assert.All(probabilities, p => Assert.InRange(p, 0f, 1f));
        Assert.InRange(model.Threshold, 0, 1);
        Assert.True(RankingCurves.RocAuc(probabilities, test.Labels) > 0.85);
    }

    [Fact]
    public void Search_PicksTheCandidateWithTheBestOutOfFoldScore()
    {
        var features = DatasetFeatures.From(SimulatedData.Load());
        // One candidate is crippled (a single tiny tree): the search must not choose it.
        var config = TrainingConfigurationLoader.Parse("""
            { "crossValidationFolds": 3, "parameters": { "numberOfLeaves": 8, "numberOfIterations": 60, "learningRate": 0.1 },
              "search": [ { "numberOfIterations": 1, "numberOfLeaves": 2 }, { } ] }
            """, "test");
        var model = Training.ModelTrainer.Train(features.Train, features.TrainingFolds(3, config.Seed), config);
        Assert.Equal(2, model.Candidates.Count);
        Assert.Equal(60, model.Parameters["numberOfIterations"]);
        Assert.True(model.Candidates[1].PrAuc > model.Candidates[0].PrAuc);
    }

    [Fact]
    public void TrainingSplitWithOneClass_IsRejectedWithAReason()
    {
        var features = DatasetFeatures.From(SimulatedData.Load());
        var negatives = Enumerable.Range(0, features.All.Count).Where(i => !features.All.Labels[i]).Take(200).ToArray();
        var error = Assert.Throws<ModelingException>(() => Training.ModelTrainer.Train(
            features.All.Subset(negatives), [Enumerable.Range(0, 100).ToArray(), Enumerable.Range(100, 100).ToArray()], new TrainingConfiguration()));
        Assert.Contains("0 positive rows out of 200", error.Message);
    }
}
