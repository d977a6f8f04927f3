using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Features;

namespace Pipeline.Modeling.Tests;

/// <summary>
/// <see cref="DatasetFeatures.CauseTargets"/>: cause models checked against the AI4I spec (on simulated data), and
/// which rows and feature slots each one gets.
/// </summary>
public class CauseTargetResolutionTests
{
    static readonly Lazy<DatasetFeatures> Features = new(() => DatasetFeatures.From(SimulatedData.Load()));

    static TrainingConfiguration Configuration(string causes, int folds = 3) =>
        TrainingConfigurationLoader.Parse($$"""{ "crossValidationFolds": {{folds}}, "causes": {{causes}} }""", "training.json");

    static ModelingException Rejected(string causes, int folds = 3) =>
        Assert.Throws<ModelingException>(() => Features.Value.CauseTargets(Configuration(causes, folds)));

    [Fact]
    public void UnknownColumn_IsRejectedNamingTheSettingAndTheCandidateColumns()
    {
        var error = Rejected("""[ { "column": "HDF" }, { "column": "Vibration" } ]""");
        Assert.Contains("Training configuration training.json: setting 'causes[1].column' is 'Vibration', which is not a column of the dataset", error.Message);
        Assert.Contains("'TWF', 'HDF', 'PWF', 'OSF', 'RNF'", error.Message);
        Assert.Contains("dataset spec 'ai4i2020'", error.Message);
    }

    [Theory]
    [InlineData("Torque [Nm]")]
    [InlineData("Type")]
    [InlineData("Machine failure")]
    [InlineData("Product ID")]
    public void ColumnThatIsAFeatureTheLabelOrNotBoolean_IsRejectedNamingTheSetting(string column)
    {
        var error = Rejected($$"""[ { "column": "{{column}}" } ]""");
        Assert.Contains($"setting 'causes[0].column' is '{column}'", error.Message);
        Assert.Contains("a cause must be a boolean column that is neither a feature nor the label", error.Message);
    }

    [Fact]
    public void UnknownFeatureName_IsRejectedNamingTheSettingAndListingTheFeatures()
    {
        var error = Rejected("""[ { "column": "TWF", "features": ["Tool wear [min]", "Tool wear"] } ]""");
        Assert.Contains("setting 'causes[0].features' names 'Tool wear', which is not a feature", error.Message);
        Assert.Contains("'Tool wear [min]'", error.Message);
        Assert.Contains("'Power [W]'", error.Message); // derived features are listed too
    }

    [Fact]
    public void PrefixOfAFeatureName_SelectsNothingAndIsRejected()
    {
        // "Tool" is a prefix of "Tool wear [min]" but no column: it must not select anything.
        var error = Rejected("""[ { "column": "TWF", "features": ["Tool"] } ]""");
        Assert.Contains("names 'Tool', which is not a feature", error.Message);
    }

    [Fact]
    public void TooFewTrueRowsForTheFolds_IsRejectedWithTheCount()
    {
        var features = Features.Value;
        var twf = features.Data.Boolean("TWF");
        var positives = features.TrainRows.Count(i => twf[i]);
        Assert.InRange(positives, 3, 100); // the simulator must make some, or this test pins nothing

        var error = Rejected("""[ { "column": "TWF" } ]""", folds: positives + 1);
        Assert.Contains($"setting 'causes[0].column' is 'TWF', which is true on {positives} of the {features.TrainRows.Length} training rows", error.Message);
        Assert.Contains($"at least crossValidationFolds ({positives + 1}) true rows", error.Message);
    }

    [Fact]
    public void CategoricalColumnName_SelectsExactlyItsOneHotSlots()
    {
        var features = Features.Value;
        var target = Assert.Single(features.CauseTargets(Configuration("""[ { "column": "OSF", "features": ["Type", "Torque [Nm]"] } ]""")));
        var selected = features.All.FeatureNames.Where((_, f) => target.UsesFeature[f]).Order(StringComparer.Ordinal);
        Assert.Equal(["Torque [Nm]", "Type=H", "Type=L", "Type=M"], selected);
    }

    [Fact]
    public void DerivedFeatureName_SelectsItsSlot_AndNoFeaturesMeansEverySlot()
    {
        var features = Features.Value;
        var targets = features.CauseTargets(Configuration("""[ { "column": "PWF", "features": ["Power [W]"] }, { "column": "HDF" } ]"""));
        Assert.Equal(["Power [W]"], features.All.FeatureNames.Where((_, f) => targets[0].UsesFeature[f]));
        Assert.Equal(features.All.FeatureNames.Count, targets[1].UsesFeature.Length);
        Assert.All(targets[1].UsesFeature, Assert.True);
    }

    [Fact]
    public void Labels_AreTheCauseColumnOnTheTrainingSplitInOrder()
    {
        var features = Features.Value;
        var target = Assert.Single(features.CauseTargets(Configuration("""[ { "column": "HDF" } ]""")));
        var hdf = features.Data.Boolean("HDF");
        Assert.Equal(features.TrainRows.Select(i => hdf[i]), target.Labels);
        Assert.Contains(true, target.Labels);
        Assert.Equal("HDF", target.Settings.Column);
    }
}
