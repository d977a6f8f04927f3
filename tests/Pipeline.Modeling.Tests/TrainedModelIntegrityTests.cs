using Pipeline.Modeling.Training;
using Pipeline.Modeling.Features;

namespace Pipeline.Modeling.Tests;

/// <summary>
/// Evaluate and Register use exactly the model file Train wrote and the metrics Evaluate wrote: a model.zip truncated,
/// replaced or deleted since, or a damaged metrics.json, is refused with a sentence naming it, and nothing reaches the
/// registry.
/// </summary>
public class TrainedModelIntegrityTests
{
    static (LifecycleSteps Ops, Pipeline.Data.Loading.Dataset Data) TrainedAndEvaluated(TemporaryDirectory root)
    {
        SimulatedData.WriteConfiguration(root.Path, SimulatedData.FastConfiguration);
        var data = SimulatedData.Load();
        var ops = new LifecycleSteps(root.Path, "ai4i2020");
        ops.Train(data);
        Assert.Throws<ModelingException>(() => ops.Evaluate(data, true)); // no snapshot yet
        ops.AcceptMetrics();
        ops.Evaluate(data, true);
        return (ops, data);
    }

    [Fact]
    public void ATruncatedTrainedModel_IsRefusedByEvaluateAndRegister_AndNothingIsRegistered()
    {
        using var root = new TemporaryDirectory();
        var (ops, data) = TrainedAndEvaluated(root);
        var bytes = File.ReadAllBytes(ops.Paths.ModelPath);
        File.WriteAllBytes(ops.Paths.ModelPath, bytes[..(bytes.Length / 2)]);

        var evaluate = Assert.Throws<ModelingException>(() => ops.Evaluate(data, true));
        var register = Assert.Throws<ModelingException>(() => ops.Register(data));

        foreach (var error in new[] { evaluate, register })
        {
            Assert.Contains(ops.Paths.ModelPath, error.Message);
            Assert.Contains("is not the file Train wrote", error.Message);
            Assert.Contains("run the Train target again", error.Message);
        }
        Assert.Empty(ops.Registry.Versions);
        Assert.Null(ops.Registry.Stages.Production);
    }

    [Fact]
    public void AMissingTrainedModel_IsRefusedByRegister_AskingForTrain()
    {
        using var root = new TemporaryDirectory();
        var (ops, data) = TrainedAndEvaluated(root);
        File.Delete(ops.Paths.ModelPath);

        var error = Assert.Throws<ModelingException>(() => ops.Register(data));

        Assert.Contains($"The trained model {ops.Paths.ModelPath} does not exist; run the Train target first.", error.Message);
        Assert.Empty(ops.Registry.Versions);
    }

    [Fact]
    public void AnIntactTrainedModel_IsRegistered_WithTheHashTrainRecorded()
    {
        using var root = new TemporaryDirectory();
        var (ops, data) = TrainedAndEvaluated(root);

        var metadata = ops.Register(data);

        Assert.Equal(TrainingSummary.Read(ops.Paths.TrainingSummaryPath).ModelSha256, metadata.ModelSha256);
    }

    [Fact]
    public void AFileThatIsNotAModel_IsRefusedByTheLoader_SayingItIsTruncatedOrCorrupted()
    {
        using var root = new TemporaryDirectory();
        var path = root["model.zip"];
        File.WriteAllText(path, "garbage");

        var error = Assert.Throws<ModelingException>(() => Pipeline.Modeling.Scoring.FeaturePredictor.Load(path, 3));

        Assert.Contains($"Model file {path} (7 bytes) is not a readable ML.NET model", error.Message);
        Assert.Contains("truncated or corrupted", error.Message);
    }

    [Theory]
    [InlineData("{ \"runId\": ", "is not valid JSON (line")]
    [InlineData("[]", "is not a JSON object")]
    [InlineData("{ \"runId\": 3 }", "evaluates run (none)")]
    public void ADamagedMetricsFile_IsRefusedByRegister_AndNothingIsRegistered(string content, string expected)
    {
        using var root = new TemporaryDirectory();
        var (ops, data) = TrainedAndEvaluated(root);
        File.WriteAllText(ops.Paths.MetricsPath, content);

        var error = Assert.Throws<ModelingException>(() => ops.Register(data));

        Assert.Contains(ops.Paths.MetricsPath, error.Message);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("BytePositionInLine", error.Message);
        Assert.Empty(ops.Registry.Versions);
    }

    [Fact]
    public void AMetricThatIsNotANumber_IsRefusedByRegister_NamingIt()
    {
        using var root = new TemporaryDirectory();
        var (ops, data) = TrainedAndEvaluated(root);
        var metrics = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(ops.Paths.MetricsPath))!.AsObject();
        metrics["f1"] = "high";
        File.WriteAllText(ops.Paths.MetricsPath, metrics.ToJsonString());

        var error = Assert.Throws<ModelingException>(() => ops.Register(data));

        Assert.Contains("'f1' is \"high\", but must be a number", error.Message);
        Assert.Empty(ops.Registry.Versions);
    }
}
