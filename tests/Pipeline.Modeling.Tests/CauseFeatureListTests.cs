using Pipeline.Modeling.Configuration;

namespace Pipeline.Modeling.Tests;

/// <summary>A cause model's <c>features</c> list names each feature once; a repeated name is a mistake in the file, said so.</summary>
public class CauseFeatureListTests
{
    [Fact]
    public void FeatureNamedTwice_IsRejectedNamingTheFileTheSettingAndTheName()
    {
        var error = Assert.Throws<ModelingException>(() => TrainingConfigurationLoader.Parse(
            """{ "causes": [ { "column": "HDF" }, { "column": "TWF", "features": ["Tool wear [min]", "Torque [Nm]", "Tool wear [min]"] } ] }""", "models/ai4i2020/training.json"));

        Assert.Equal("Training configuration models/ai4i2020/training.json: setting 'causes[1].features' names 'Tool wear [min]' more than once; name each feature once.", error.Message);
    }

    [Fact]
    public void DistinctFeatures_AreKeptInTheirOrder()
    {
        var configuration = TrainingConfigurationLoader.Parse("""{ "causes": [ { "column": "TWF", "features": ["Torque [Nm]", "Tool wear [min]"] } ] }""", "training.json");

        Assert.Equal(["Torque [Nm]", "Tool wear [min]"], configuration.Causes[0].Features);
    }
}
