using System.Text.Json;
using Pipeline.Data;
using Pipeline.Data.Loading;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Features;

namespace Pipeline.Modeling.Tests;

/// <summary>The lifecycle steps end to end in a temporary repository-like folder, on small simulated data.</summary>
public class LifecycleStepsTests
{
    static LifecycleSteps Ops(TemporaryDirectory root, List<string>? log = null) =>
        new(root.Path, "ai4i2020", m => log?.Add(m), m => log?.Add("warning: " + m));

    [Fact]
    public void FirstEvaluate_FailsPlainlyForLackOfASnapshot_AndPassesOnceAccepted()
    {
        using var root = new TemporaryDirectory();
        SimulatedData.WriteConfiguration(root.Path, SimulatedData.FastConfiguration);
        var data = SimulatedData.Load();
        var ops = Ops(root);
        ops.Train(data);

        var error = Assert.Throws<ModelingException>(() => ops.Evaluate(data, isEmbeddedDefault: true));
        Assert.Contains("No verified metric snapshot exists for dataset 'ai4i2020'", error.Message);
        Assert.Contains("./build.sh AcceptMetrics", error.Message);

        ops.AcceptMetrics();
        var result = ops.Evaluate(data, isEmbeddedDefault: true);

        using var metrics = JsonDocument.Parse(File.ReadAllText(ops.Paths.MetricsPath));
        foreach (var name in new[] { "accuracy", "precision", "recall", "f1", "rocAuc", "prAuc", "logLoss" })
            Assert.Equal(JsonValueKind.Number, metrics.RootElement.GetProperty(name).ValueKind);
        Assert.Equal(result.Test.F1, metrics.RootElement.GetProperty("f1").GetDouble(), 6);
        Assert.Equal(["H", "L", "M"], metrics.RootElement.GetProperty("slices").GetProperty("Type").EnumerateObject().Select(p => p.Name));
        Assert.True(metrics.RootElement.GetProperty("crossValidation").GetProperty("f1").GetProperty("sd").GetDouble() >= 0);
        Assert.False(metrics.RootElement.TryGetProperty("causes", out _), "a model without cause models has no per-cause results");
        var report = File.ReadAllText(ops.Paths.ReportPath);
        Assert.Contains("ROC curve", report);
        Assert.Contains("<svg", report);
        Assert.DoesNotContain("<h2>Causes</h2>", report);
    }

    [Fact]
    public void Evaluate_ScoresTheProductionChampionOnTheSameRows_AndAWorseChallengerGoesToStaging()
    {
        using var root = new TemporaryDirectory();
        SimulatedData.WriteConfiguration(root.Path, SimulatedData.FastConfiguration);
        var data = SimulatedData.Load();
        var ops = Ops(root);
        ops.Train(data);
        Assert.Throws<ModelingException>(() => ops.Evaluate(data, true));
        ops.AcceptMetrics();
        ops.Evaluate(data, true);
        var champion = ops.Register(data);
        Assert.Equal(champion.Version, ops.Registry.Stages.Production);

        // A crippled challenger: two stumps. Its gate fails, but champion vs challenger is still reported, and it is
        // never registered, even with Evaluate skipped.
        const string Stumps = """{ "crossValidationFolds": 3, "parameters": { "numberOfIterations": 2, "numberOfLeaves": 2 }""";
        SimulatedData.WriteConfiguration(root.Path, Stumps + " }");
        ops.Train(data);
        Assert.Throws<ModelingException>(() => ops.Evaluate(data, true));
        using (var metrics = JsonDocument.Parse(File.ReadAllText(ops.Paths.MetricsPath)))
        {
            var comparison = metrics.RootElement.GetProperty("champion");
            Assert.Equal(champion.Version, comparison.GetProperty("version").GetInt32());
            Assert.Equal(champion.Metrics["f1"], comparison.GetProperty("champion").GetProperty("f1").GetDouble(), 6);
            Assert.False(comparison.GetProperty("challengerWins").GetBoolean());
            Assert.False(metrics.RootElement.GetProperty("gatePassed").GetBoolean());
        }
        var refused = Assert.Throws<ModelingException>(() => ops.Register(data));
        Assert.Contains("a model that fails its gate is not registered", refused.Message);
        Assert.Equal([champion.Version], ops.Registry.Versions);

        // The same challenger under tolerances wide enough to pass its gate: registered, but as staging.
        SimulatedData.WriteConfiguration(root.Path, Stumps + """, "gate": { "tolerances": { "accuracy": 1, "precision": 1, "recall": 1, "f1": 1, "rocAuc": 1, "prAuc": 1, "logLoss": 1 } } }""");
        ops.Evaluate(data, true);
        var challenger = ops.Register(data);
        Assert.Equal(champion.Version, challenger.Lineage.ParentVersion);
        Assert.Equal(champion.Version, ops.Registry.Stages.Production);
        Assert.Equal(challenger.Version, ops.Registry.Stages.Staging);
    }

    [Fact]
    public void Evaluate_OnDataTrainDidNotSee_AsksToTrainFirst()
    {
        using var root = new TemporaryDirectory();
        SimulatedData.WriteConfiguration(root.Path, SimulatedData.FastConfiguration);
        var ops = Ops(root);
        ops.Train(SimulatedData.Load());
        var error = Assert.Throws<ModelingException>(() => ops.Evaluate(SimulatedData.Load(seed: 7), true));
        Assert.Contains("run the Train target on it first", error.Message);
    }

    [Fact]
    public void Train_RecordsARun_ThatEvaluateCompletes()
    {
        using var root = new TemporaryDirectory();
        SimulatedData.WriteConfiguration(root.Path, SimulatedData.FastConfiguration);
        var data = SimulatedData.Load();
        var ops = Ops(root);
        var summary = ops.Train(data);
        var run = ops.Runs.Find(summary.Lineage.RunId);
        Assert.Equal(data.ContentHash, run.Lineage.DataHash);
        Assert.Equal("LightGbm", run.Lineage.Trainer);
        Assert.Empty(run.TestMetrics);

        Assert.Throws<ModelingException>(() => ops.Evaluate(data, true));
        Assert.Equal(7, ops.Runs.Find(summary.Lineage.RunId).TestMetrics.Count);
    }

    [Fact]
    public void DataWithoutTheLabelColumn_IsRejectedNamingIt()
    {
        using var folder = new TemporaryDirectory();
        var csv = folder["no-label.csv"];
        File.WriteAllText(csv, "UDI,Product ID,Type,Air temperature [K],Process temperature [K],Rotational speed [rpm],Torque [Nm],Tool wear [min],TWF,HDF,PWF,OSF,RNF\n1,L1,L,300,310,1500,40,10,0,0,0,0,0\n");
        var error = Assert.ThrowsAny<DataException>(() => DatasetLoader.Load(SimulatedData.Spec(), SimulatedData.RepositoryRoot, csv));
        Assert.Contains("Machine failure", error.Message);
    }
}
