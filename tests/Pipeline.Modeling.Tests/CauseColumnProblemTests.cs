using System.Text;
using Pipeline.Data.Loading;
using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Features;

namespace Pipeline.Modeling.Tests;

/// <summary>
/// Cause columns that cannot be combined by noisy-OR, or that the dataset spec no longer has after Train, are refused
/// with a sentence naming the file, the setting or the column, and what is expected.
/// </summary>
public class CauseColumnProblemTests
{
    static TrainingConfiguration Configuration(string causes) =>
        TrainingConfigurationLoader.Parse($$"""{ "crossValidationFolds": 3, "causes": {{causes}} }""", "training.json");

    [Theory]
    [InlineData("Product ID", "a column with role \"excluded\" and type \"text\"")]
    [InlineData("UDI", "a column with role \"id\" and type \"numeric\"")]
    [InlineData("Torque [Nm]", "a feature (role \"numeric\"")]
    [InlineData("Machine failure", "the label")]
    public void ColumnThatCannotBeACause_IsDescribedByItsRoleAndType(string column, string description)
    {
        var features = DatasetFeatures.From(SimulatedData.Load());

        var error = Assert.Throws<ModelingException>(() => features.CauseTargets(Configuration($$"""[ { "column": "{{column}}" } ]""")));

        Assert.Contains($"setting 'causes[0].column' is '{column}', {description}", error.Message);
        Assert.DoesNotContain(" a excluded", error.Message);
        Assert.DoesNotContain(" a id ", error.Message);
    }

    [Fact]
    public void CauseColumnTrueWhereTheLabelIsNegative_IsRefusedWithTheCount()
    {
        // Like RNF in the real AI4I file: set on rows without a failure. Noisy-OR would raise those rows' probability.
        using var folder = new TemporaryDirectory();
        var path = folder["ai4i-rnf-without-failure.csv"];
        string csv;
        var spec = SimulatedData.Spec();
        using (var source = DataSource.OpenSimulator(spec.Source.Simulator!)) csv = source.Reader.ReadToEnd();
        var lines = csv.TrimEnd('\n').Split('\n');
        var header = lines[0].TrimEnd('\r').Split(',');
        int label = Array.IndexOf(header, "Machine failure"), rnf = Array.IndexOf(header, "RNF");
        Assert.True(label >= 0 && rnf >= 0, "the simulator's header must have the label and RNF");
        var text = new StringBuilder(lines[0]).Append('\n');
        var flipped = 0;
        foreach (var line in lines.Skip(1))
        {
            var fields = line.TrimEnd('\r').Split(',');
            if (flipped < 60 && fields[label] == "0") { fields[rnf] = "1"; flipped++; }
            text.Append(string.Join(',', fields)).Append('\n');
        }
        File.WriteAllText(path, text.ToString());
        var features = DatasetFeatures.From(DatasetLoader.Load(spec, SimulatedData.RepositoryRoot, path));
        var all = features.Data.Boolean("RNF");
        var withoutLabel = features.TrainRows.Count(i => all[i] && !features.All.Labels[i]);
        var trueRows = features.TrainRows.Count(i => all[i]);
        Assert.InRange(withoutLabel, 1, 60);

        var error = Assert.Throws<ModelingException>(() => features.CauseTargets(Configuration("""[ { "column": "HDF" }, { "column": "RNF" } ]""")));

        Assert.Equal(
            $"Training configuration training.json: setting 'causes[1].column' is 'RNF', which is true on {withoutLabel} of its {trueRows} true training rows " +
            "where 'Machine failure' is not '1'; the cause models are combined with the whole-label model by noisy-OR, so a cause must occur only where " +
            "the label is positive. Remove this cause model or correct those rows (dataset spec 'ai4i2020').", error.Message);
        Assert.Single(features.CauseTargets(Configuration("""[ { "column": "HDF" } ]""")));
    }

    /// <summary>A fast configuration with one cause model (HDF) whose evaluation passes without a snapshot.</summary>
    const string HdfCauseConfiguration = """
        { "trainer": "LightGbm", "crossValidationFolds": 3,
          "parameters": { "numberOfLeaves": 8, "minimumExampleCountPerLeaf": 10, "numberOfIterations": 30, "learningRate": 0.1 },
          "causes": [ { "column": "HDF", "parameters": { "numberOfLeaves": 4 } } ],
          "gate": { "onMissingSnapshot": "warn" } }
        """;

    [Fact]
    public void CauseColumnRemovedFromTheSpecAfterTrain_MakesEvaluateAskForTrain_WritingNoMetrics()
    {
        using var root = new TemporaryDirectory();
        SimulatedData.WriteConfiguration(root.Path, HdfCauseConfiguration);
        var ops = new LifecycleSteps(root.Path, "ai4i2020");
        ops.Train(SimulatedData.Load());
        // The same rows (same content hash, same features), read with a spec that no longer lists HDF, or lists it as a feature.
        var spec = SimulatedData.Spec();
        var withoutHdf = spec with
        {
            Columns = spec.Columns.Where(c => c.Name != "HDF").ToList(),
            LabelRules = spec.LabelRules.Select(r => r with { Columns = r.Columns.Where(c => c != "HDF").ToList() }).ToList(),
        };

        var error = Assert.Throws<ModelingException>(() => ops.Evaluate(DatasetLoader.Load(withoutHdf, SimulatedData.RepositoryRoot, null), true));

        Assert.Equal("The trained model has a cause model for 'HDF', but the dataset spec 'ai4i2020' now has no such column; the spec changed since Train: run the Train target again.", error.Message);
        Assert.False(File.Exists(ops.Paths.MetricsPath));
    }

    [Fact]
    public void TrainingSummaryWhoseCausesDifferFromTheModelFile_MakesEvaluateAskForTrain_WritingNoMetrics()
    {
        // Register copies the summary's causes into metadata.json; a version whose metadata and composite disagree would not load.
        using var root = new TemporaryDirectory();
        SimulatedData.WriteConfiguration(root.Path, HdfCauseConfiguration);
        var ops = new LifecycleSteps(root.Path, "ai4i2020");
        var data = SimulatedData.Load();
        ops.Train(data);
        var summary = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(ops.Paths.TrainingSummaryPath))!.AsObject();
        Assert.True(summary.Remove("causes"));
        File.WriteAllText(ops.Paths.TrainingSummaryPath, summary.ToJsonString());

        var error = Assert.Throws<ModelingException>(() => ops.Evaluate(data, true));

        Assert.Equal($"The trained model {ops.Paths.ModelPath} holds the cause models [HDF], but Train's summary {ops.Paths.TrainingSummaryPath} lists []; run the Train target again.", error.Message);
        Assert.False(File.Exists(ops.Paths.MetricsPath));
    }
}
