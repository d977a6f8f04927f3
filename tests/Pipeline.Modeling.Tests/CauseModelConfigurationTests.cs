using Pipeline.Modeling.Configuration;

namespace Pipeline.Modeling.Tests;

/// <summary>The <c>causes</c> setting of training.json: what a valid entry becomes, and how a wrong one is reported.</summary>
public class CauseModelConfigurationTests
{
    static ModelingException Rejected(string causes) => Assert.Throws<ModelingException>(() =>
        TrainingConfigurationLoader.Parse($$"""{ "trainer": "LightGbm", "parameters": { "learningRate": 0.2 }, "causes": {{causes}} }""", "training.json"));

    [Fact]
    public void Causes_InheritTheTopLevelTrainerAndParameters_WithTheirOwnOverridesApplied()
    {
        var configuration = TrainingConfigurationLoader.Parse("""
            { "trainer": "LightGbm", "parameters": { "learningRate": 0.2, "numberOfLeaves": 16 },
              "causes": [ { "column": "HDF" }, { "column": "TWF", "features": ["Tool wear [min]"], "parameters": { "numberOfLeaves": 2 } } ] }
            """, "training.json");

        Assert.Equal(["HDF", "TWF"], configuration.Causes.Select(c => c.Column));
        var hdf = configuration.Causes[0];
        Assert.Equal(TrainerKind.LightGbm, hdf.Trainer);
        Assert.Empty(hdf.Features);
        Assert.Equal(configuration.Parameters.OrderBy(p => p.Key), hdf.Parameters.OrderBy(p => p.Key));
        var twf = configuration.Causes[1];
        Assert.Equal(["Tool wear [min]"], twf.Features);
        Assert.Equal(2, twf.Parameters["numberOfLeaves"]);
        Assert.Equal(0.2, twf.Parameters["learningRate"]);
        Assert.Equal(16, configuration.Parameters["numberOfLeaves"]); // the whole-label model keeps its own value
    }

    [Fact]
    public void Cause_WithAnotherTrainer_StartsFromThatTrainersDefaults()
    {
        var configuration = TrainingConfigurationLoader.Parse("""
            { "trainer": "LightGbm", "parameters": { "learningRate": 0.2 },
              "causes": [ { "column": "OSF", "trainer": "FastForest", "parameters": { "numberOfTrees": 40 } } ] }
            """, "training.json");

        var cause = Assert.Single(configuration.Causes);
        Assert.Equal(TrainerKind.FastForest, cause.Trainer);
        var expected = TrainerCatalog.DefaultsOf(TrainerKind.FastForest);
        expected["numberOfTrees"] = 40;
        Assert.Equal(expected.OrderBy(p => p.Key), cause.Parameters.OrderBy(p => p.Key));
        Assert.False(cause.Parameters.ContainsKey("learningRate"));
    }

    [Fact]
    public void NoCausesSetting_MeansTheWholeLabelModelAlone()
    {
        Assert.Empty(TrainingConfigurationLoader.Parse("""{ "trainer": "LightGbm" }""", "training.json").Causes);
    }

    [Theory]
    [InlineData("""{ "column": "TWF" }""", "'causes'", "must be an array")]
    [InlineData("""[ "TWF" ]""", "'causes[0]'", "must be an object")]
    [InlineData("""[ { "features": ["Tool wear [min]"] } ]""", "'causes[0].column'", "must name the dataset column")]
    [InlineData("""[ { "column": "  " } ]""", "'causes[0].column'", "must name the dataset column")]
    [InlineData("""[ { "column": "TWF" }, { "column": "TWF" } ]""", "'causes[1].column'", "is 'TWF', which an earlier cause model already uses")]
    [InlineData("""[ { "column": "TWF", "feature": ["Tool wear [min]"] } ]""", "'causes[0].feature'", "is not a known setting; allowed: column, features, trainer, parameters")]
    [InlineData("""[ { "column": "TWF", "features": [] } ]""", "'causes[0].features'", "must be a non-empty array of feature names")]
    [InlineData("""[ { "column": "TWF", "features": "Tool wear [min]" } ]""", "'causes[0].features'", "must be a non-empty array of feature names")]
    [InlineData("""[ { "column": "TWF", "features": ["Tool wear [min]", 3] } ]""", "'causes[0].features'", "must be a non-empty array of feature names")]
    [InlineData("""[ { "column": "HDF" }, { "column": "TWF", "trainer": "XGBoost" } ]""", "'causes[1].trainer'", "is 'XGBoost', which is not a known trainer; allowed values: LightGbm, FastTree, FastForest")]
    [InlineData("""[ { "column": "TWF", "parameters": { "learningRate": -0.1 } } ]""", "'causes[0].parameters.learningRate'", "greater than 0")]
    [InlineData("""[ { "column": "TWF", "trainer": "FastForest", "parameters": { "learningRate": 0.1 } } ]""", "'causes[0].parameters.learningRate'", "not a hyperparameter of FastForest")]
    [InlineData("""[ { "column": "TWF", "parameters": [ 1 ] } ]""", "'causes[0].parameters'", "must be an object")]
    public void BadCauseEntry_IsRejectedNamingTheSettingPathAndTheProblem(string causes, string setting, string problem)
    {
        var error = Rejected(causes);
        Assert.Contains("Training configuration training.json", error.Message);
        Assert.Contains($"setting {setting}", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void ContentHash_ChangesWithEveryPartOfTheCauses_ButNotWithTheirFormatting()
    {
        string Hash(string causes) => TrainingConfigurationLoader.Parse(
            $$"""{ "parameters": { "learningRate": 0.1 }, "causes": {{causes}} }""", "training.json").ContentHash;

        var baseline = Hash("""[ { "column": "TWF", "features": ["Tool wear [min]"] } ]""");
        Assert.Equal(baseline, Hash("""[{"features":["Tool wear [min]"],"column":"TWF"}]"""));
        Assert.Equal(baseline, Hash("""[ { "column": "TWF", "features": ["Tool wear [min]"], "parameters": { "learningRate": 0.1 } } ]"""));

        var withoutCauses = TrainingConfigurationLoader.Parse("""{ "parameters": { "learningRate": 0.1 } }""", "training.json").ContentHash;
        Assert.Equal(withoutCauses, Hash("""[ ]"""));

        string[] variants =
        [
            withoutCauses,
            Hash("""[ { "column": "TWF" } ]"""),
            Hash("""[ { "column": "HDF", "features": ["Tool wear [min]"] } ]"""),
            Hash("""[ { "column": "TWF", "features": ["Torque [Nm]"] } ]"""),
            Hash("""[ { "column": "TWF", "features": ["Tool wear [min]"], "parameters": { "numberOfLeaves": 3 } } ]"""),
            Hash("""[ { "column": "TWF", "features": ["Tool wear [min]"], "trainer": "FastTree" } ]"""),
            Hash("""[ { "column": "TWF", "features": ["Tool wear [min]"] }, { "column": "HDF" } ]"""),
        ];
        Assert.DoesNotContain(baseline, variants);
        Assert.Equal(variants.Length, variants.Distinct().Count());
    }
}
