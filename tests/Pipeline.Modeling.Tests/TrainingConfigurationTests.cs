using Pipeline.Modeling.Configuration;

namespace Pipeline.Modeling.Tests;

public class TrainingConfigurationTests
{
    [Fact]
    public void UnknownTrainer_IsRejectedNamingTheSettingAndAllowedValues()
    {
        var error = Assert.Throws<ModelingException>(() => TrainingConfigurationLoader.Parse("""{ "trainer": "XGBoost" }""", "training.json"));
        Assert.Contains("training.json", error.Message);
        Assert.Contains("'trainer'", error.Message);
        Assert.Contains("XGBoost", error.Message);
        Assert.Contains("LightGbm, FastTree, FastForest", error.Message);
    }

    [Fact]
    public void NegativeLearningRate_IsRejectedNamingTheSettingAndTheRule()
    {
        var error = Assert.Throws<ModelingException>(() =>
            TrainingConfigurationLoader.Parse("""{ "trainer": "LightGbm", "parameters": { "learningRate": -0.1 } }""", "training.json"));
        Assert.Contains("'parameters.learningRate'", error.Message);
        Assert.Contains("-0.1", error.Message);
        Assert.Contains("greater than 0", error.Message);
    }

    [Fact]
    public void ParameterOfAnotherTrainer_IsRejectedListingTheAllowedOnes()
    {
        var error = Assert.Throws<ModelingException>(() =>
            TrainingConfigurationLoader.Parse("""{ "trainer": "FastForest", "parameters": { "learningRate": 0.1 } }""", "training.json"));
        Assert.Contains("not a hyperparameter of FastForest", error.Message);
        Assert.Contains("numberOfTrees", error.Message);
    }

    [Fact]
    public void SearchCandidate_WithBadValue_IsRejectedNamingItsIndex()
    {
        var error = Assert.Throws<ModelingException>(() =>
            TrainingConfigurationLoader.Parse("""{ "search": [ { "numberOfLeaves": 8 }, { "numberOfLeaves": 2.5 } ] }""", "training.json"));
        Assert.Contains("'search[1].numberOfLeaves'", error.Message);
        Assert.Contains("whole number", error.Message);
    }

    [Fact]
    public void MalformedJson_IsReportedWithItsLine()
    {
        var error = Assert.Throws<ModelingException>(() => TrainingConfigurationLoader.Parse("{\n  \"trainer\": \n}", "training.json"));
        Assert.Contains("not valid JSON (line 3)", error.Message);
    }

    [Fact]
    public void UnknownGateMetric_IsRejected()
    {
        var error = Assert.Throws<ModelingException>(() =>
            TrainingConfigurationLoader.Parse("""{ "gate": { "floors": { "auc": 0.9 } } }""", "training.json"));
        Assert.Contains("'gate.floors.auc'", error.Message);
        Assert.Contains("rocAuc", error.Message);
    }

    [Fact]
    public void Candidates_InheritTheBaseParameters()
    {
        var configuration = TrainingConfigurationLoader.Parse(
            """{ "parameters": { "learningRate": 0.2 }, "search": [ { "numberOfLeaves": 8 } ] }""", "training.json");
        var candidate = Assert.Single(configuration.SearchCandidates);
        Assert.Equal(8, candidate["numberOfLeaves"]);
        Assert.Equal(0.2, candidate["learningRate"]);
    }

    [Fact]
    public void ConfigHash_IgnoresFormattingAndGateButNotParameters()
    {
        var a = TrainingConfigurationLoader.Parse("""{"trainer":"LightGbm","parameters":{"numberOfLeaves":8,"learningRate":0.1}}""", "a");
        var b = TrainingConfigurationLoader.Parse("""
            {
              "parameters": { "learningRate": 0.1, "numberOfLeaves": 8 },
              "gate": { "floors": { "f1": 0.5 } }
            }
            """, "b");
        var c = TrainingConfigurationLoader.Parse("""{"parameters":{"numberOfLeaves":9,"learningRate":0.1}}""", "c");
        Assert.Equal(a.ContentHash, b.ContentHash);
        Assert.NotEqual(a.ContentHash, c.ContentHash);
    }

    [Fact]
    public void MissingFile_GivesBuiltInDefaults()
    {
        var configuration = TrainingConfigurationLoader.LoadOrDefault(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "training.json"));
        Assert.Equal(TrainerKind.LightGbm, configuration.Trainer);
        Assert.Equal("built-in defaults", configuration.Source);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("\"0\"")]
    [InlineData("\"sometimes\"")]
    public void OnMissingSnapshot_ThatIsNotFailOrWarn_IsRejectedNamingTheSetting(string value)
    {
        var error = Assert.Throws<ModelingException>(() =>
            TrainingConfigurationLoader.Parse($$"""{ "gate": { "onMissingSnapshot": {{value}} } }""", "training.json"));
        Assert.Contains("'gate.onMissingSnapshot'", error.Message);
        Assert.Contains("allowed values: \"fail\", \"warn\"", error.Message);
    }

    [Fact]
    public void SyntaxError_NamesFileAndLine_WithoutTheJsonLibrarysLocationTail()
    {
        var error = Assert.Throws<ModelingException>(() =>
            TrainingConfigurationLoader.Parse("{\n  \"seed\": 42\n  \"trainer\": \"LightGbm\"\n}", "training.json"));
        Assert.Contains("training.json is not valid JSON (line 3)", error.Message);
        Assert.DoesNotContain("BytePositionInLine", error.Message);
    }

    [Fact]
    public void EmptyFile_IsReportedAsEmpty()
    {
        var error = Assert.Throws<ModelingException>(() => TrainingConfigurationLoader.Parse("", "training.json"));
        Assert.Contains("the text is empty; expected a JSON object", error.Message);
    }
}
