using Pipeline.Data.Proposing;
using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Features;

namespace Pipeline.Modeling.Tests;

/// <summary>"search": "auto": generic candidates of several trainers, scaled to the row count, chosen by cross-validation.</summary>
public class AutomaticSearchTests
{
    [Fact]
    public void SearchAuto_IsReadAsTheAutomaticSearch()
    {
        var configuration = TrainingConfigurationLoader.Parse("""{ "search": "auto", "crossValidationFolds": 3 }""", "training.json");
        Assert.True(configuration.SearchIsAutomatic);
        Assert.Equal(AutomaticSearch.For(1500), configuration.CandidatesFor(1500), new CandidateComparer());
    }

    [Fact]
    public void MissingConfigurationFile_SearchesAutomatically()
    {
        var configuration = TrainingConfigurationLoader.LoadOrDefault(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "training.json"));
        Assert.True(configuration.SearchIsAutomatic);
    }

    [Fact]
    public void NewDatasetTrainingDefaults_AreTheAutomaticSearch()
    {
        var configuration = TrainingConfigurationLoader.Parse(NewDatasetFiles.TrainingDefaults, "models/new/training.json");
        Assert.True(configuration.SearchIsAutomatic);
        Assert.Equal(TrainingConfiguration.BuiltInDefaults.ContentHash, configuration.ContentHash);
    }

    [Theory]
    [InlineData("trainer", """ "trainer": "FastTree" """)]
    [InlineData("parameters", """ "parameters": { "numberOfLeaves": 8 } """)]
    public void SearchAuto_BesideATrainerOrParameters_IsRefusedNamingTheSetting(string setting, string json)
    {
        var error = Assert.Throws<ModelingException>(() => TrainingConfigurationLoader.Parse($$"""{ "search": "auto", {{json}} }""", "training.json"));
        Assert.Contains($"'{setting}'", error.Message);
        Assert.Contains("\"auto\"", error.Message);
    }

    [Fact]
    public void SearchAsAnotherString_IsRefusedNamingWhatIsAllowed()
    {
        var error = Assert.Throws<ModelingException>(() => TrainingConfigurationLoader.Parse("""{ "search": "grid" }""", "training.json"));
        Assert.Contains("'search'", error.Message);
        Assert.Contains("\"auto\"", error.Message);
    }

    [Fact]
    public void ConfigHash_OfTheAutomaticSearch_DiffersFromLightGbmDefaults()
    {
        Assert.NotEqual(new TrainingConfiguration().ContentHash, TrainingConfiguration.BuiltInDefaults.ContentHash);
    }

    [Fact]
    public void SmallData_GetsOnlyRegularisedBoostingAndAForest()
    {
        var candidates = AutomaticSearch.For(1500);
        Assert.Contains(candidates, c => c.Trainer == TrainerKind.FastForest);
        Assert.All(candidates.Where(c => c.Trainer == TrainerKind.LightGbm), c =>
        {
            Assert.True(c.Parameters["numberOfLeaves"] <= 8);
            Assert.True(c.Parameters["l2Regularization"] > 0);
        });
    }

    [Theory]
    [InlineData(100)]
    [InlineData(AutomaticSearch.SmallDataRows + 1)]
    [InlineData(AutomaticSearch.MediumDataRows + 1)]
    [InlineData(AutomaticSearch.LargeDataRows + 1)]
    public void CandidateCount_StaysAtMostThree_AndShrinksForLargeData(int rows)
    {
        var candidates = AutomaticSearch.For(rows);
        Assert.InRange(candidates.Count, 1, 3);
        Assert.All(candidates, c => Assert.False(string.IsNullOrEmpty(c.Name)));
        if (rows > AutomaticSearch.LargeDataRows) Assert.Single(candidates);
        if (rows > AutomaticSearch.SmallDataRows) Assert.DoesNotContain(candidates, c => c.Trainer == TrainerKind.FastForest);
    }

    [Fact]
    public void AutomaticSearch_TrainsTheWinnersTrainer_AndRecordsEveryCandidatesTrainer()
    {
        var features = DatasetFeatures.From(SimulatedData.Load(rows: 1500));
        var configuration = TrainingConfigurationLoader.Parse("""{ "search": "auto", "crossValidationFolds": 3 }""", "test");
        var model = Training.ModelTrainer.Train(features.Train, features.TrainingFolds(3, configuration.Seed), configuration);

        var expected = AutomaticSearch.For(features.Train.Count);
        Assert.Equal(expected.Select(c => c.Trainer), model.Candidates.Select(c => c.Trainer!.Value));
        var winner = model.Candidates.MaxBy(c => (c.PrAuc, c.BestF1))!;
        Assert.Equal(winner.Trainer, model.Trainer);
        Assert.Equal(winner.Parameters, model.Parameters);
        Assert.True(RankingCurves.RocAuc(model.PredictProbabilities(features.Test), features.Test.Labels) > 0.85);
    }

    sealed class CandidateComparer : IEqualityComparer<SearchCandidate>
    {
        public bool Equals(SearchCandidate? x, SearchCandidate? y) =>
            x!.Trainer == y!.Trainer && x.Name == y.Name && x.Parameters.OrderBy(p => p.Key).SequenceEqual(y.Parameters.OrderBy(p => p.Key));
        public int GetHashCode(SearchCandidate c) => c.Trainer.GetHashCode();
    }
}
