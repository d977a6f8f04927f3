using System.Text.Json;
using Pipeline.Data;
using Pipeline.Data.Drift;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Monitoring;
using Pipeline.Modeling.Features;

namespace Pipeline.Modeling.Tests;

/// <summary>
/// The drift check as the CheckDrift target runs it: the training split of the training data against current data,
/// per feature and by the production model's scores, with the report written under artifacts/drift.
/// </summary>
public class DriftCheckTests
{
    static FeatureSample Simulated(int rows, ulong seed, string? scenario) =>
        FeatureSample.FromDataset(DatasetLoader.Load(
            SimulatedData.Spec(rows, seed) with { Source = new SourceSpec { Simulator = new SimulatorSourceSpec { Rows = rows, Seed = seed, Scenario = scenario } } },
            SimulatedData.RepositoryRoot, null));

    [Fact]
    public void HotAmbientTraffic_IsReportedAsDrift_InTheAirTemperature_WithTheReportWritten()
    {
        using var root = new TemporaryDirectory();
        var check = new DriftCheck(root.Path, "ai4i2020");

        var result = check.Run(SimulatedData.Load(), Simulated(2000, 99, "hot-ambient"));

        Assert.True(result.DriftDetected);
        Assert.Contains("Air temperature [K]", result.Drifted.Select(f => f.Column));
        Assert.DoesNotContain("Tool wear [min]", result.Drifted.Select(f => f.Column));
        Assert.Null(result.Score); // no production model in this registry
        using var report = JsonDocument.Parse(File.ReadAllText(check.ReportJsonPath));
        Assert.Contains("<svg", File.ReadAllText(check.ReportHtmlPath));
    }

    [Fact]
    public void TrafficFromTheSameProcess_IsNotDrift()
    {
        using var root = new TemporaryDirectory();

        var result = new DriftCheck(root.Path, "ai4i2020").Run(SimulatedData.Load(), Simulated(2000, 99, null));

        Assert.False(result.DriftDetected, string.Join(", ", result.Features.Select(f => $"{f.Column} PSI {f.Psi:F3}")));
    }

    [Fact]
    public void WithAProductionModel_TheScoresDistributionIsComparedToo()
    {
        using var root = new TemporaryDirectory();
        SimulatedData.WriteConfiguration(root.Path, SimulatedData.FastConfiguration);
        var data = SimulatedData.Load();
        var ops = new LifecycleSteps(root.Path, "ai4i2020");
        ops.Train(data);
        ops.Evaluate(data, isEmbeddedDefault: true, onMissingSnapshot: MissingSnapshotPolicy.Warn);
        ops.Register(data);

        var same = new DriftCheck(root.Path, "ai4i2020").Run(data, Simulated(2000, 99, null));
        var shifted = new DriftCheck(root.Path, "ai4i2020").Run(data, Simulated(2000, 99, "torque-offset"));

        Assert.NotNull(same.Score);
        Assert.NotNull(shifted.Score);
        Assert.Equal(DriftDetector.ScoreColumn, shifted.Score!.Column);
        Assert.Contains("Torque [Nm]", shifted.Drifted.Select(f => f.Column));
        // More torque means more overstrain and power failures: the scores move further than on undrifted traffic.
        Assert.True(shifted.Score.Psi > same.Score!.Psi, $"score PSI {shifted.Score.Psi} on torque-offset traffic vs {same.Score.Psi} without drift");
    }

    [Fact]
    public void ScoringASample_FromItsColumns_GivesTheProbabilitiesOfScoringItsRecords()
    {
        using var root = new TemporaryDirectory();
        SimulatedData.WriteConfiguration(root.Path, SimulatedData.FastConfiguration);
        var data = SimulatedData.Load();
        var ops = new LifecycleSteps(root.Path, "ai4i2020");
        ops.Train(data);
        ops.Evaluate(data, isEmbeddedDefault: true, onMissingSnapshot: MissingSnapshotPolicy.Warn);
        var version = ops.Register(data).Version;
        using var model = Scoring.ScoringModel.Load(ops.Registry.VersionDirectory(version));
        var features = DatasetFeatures.From(data);

        var fromColumns = model.Probabilities(FeatureSample.FromDataset(data));
        var fromRecords = model.ScoreBatch(Enumerable.Range(0, data.RowCount).Select(features.Record).ToList());

        Assert.Equal(data.RowCount, fromColumns.Length);
        Assert.Equal(fromRecords.Select(r => Math.Round(r.Probability, 6)), fromColumns.Select(p => Math.Round((double)p, 6)));
    }

    [Fact]
    public void DriftSettingsFile_RaisesTheThreshold_SoASmallShiftIsNoLongerDrift()
    {
        using var root = new TemporaryDirectory();
        Directory.CreateDirectory(Path.Combine(root.Path, "models", "ai4i2020"));
        var check = new DriftCheck(root.Path, "ai4i2020");
        File.WriteAllText(check.SettingsPath, """{ "psiThreshold": 100 }""");

        var result = check.Run(SimulatedData.Load(), Simulated(2000, 99, "hot-ambient"));

        Assert.False(result.DriftDetected);
        Assert.All(result.Features, f => Assert.Equal(100, f.Threshold));
    }

    [Fact]
    public void CurrentDataThatDoesNotExist_IsRefusedNamingThePathAndWhatIsAccepted()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-traffic.csv");

        var error = Assert.Throws<DataException>(() => DriftCheck.OpenCurrent(SimulatedData.Spec(), missing));

        Assert.Contains(missing, error.Message);
        Assert.Contains("inference log", error.Message);
    }

    [Fact]
    public void CurrentDataAsCsv_IsReadInTheSpecsFormat()
    {
        using var root = new TemporaryDirectory();
        var csv = Path.Combine(root.Path, "current.csv");
        using (var writer = new StreamWriter(csv))
            new Pipeline.Data.Simulation.Ai4iSimulator(500, 5, Pipeline.Data.Simulation.DriftScenario.Parse(null)).WriteCsv(writer);

        var sample = DriftCheck.OpenCurrent(SimulatedData.Spec(), csv);

        Assert.Equal(500, sample.RowCount);
        Assert.Contains("Torque [Nm]", sample.Columns);
    }

    [Fact]
    public void Evaluate_OfDataWithoutASnapshot_PassesOnTheFloors_WhenTheCallerAllowsIt()
    {
        using var root = new TemporaryDirectory();
        SimulatedData.WriteConfiguration(root.Path, SimulatedData.FastConfiguration);
        var data = SimulatedData.Load();
        var ops = new LifecycleSteps(root.Path, "ai4i2020");
        ops.Train(data);

        Assert.Throws<ModelingException>(() => ops.Evaluate(data, isEmbeddedDefault: false));
        var result = ops.Evaluate(data, isEmbeddedDefault: false, onMissingSnapshot: MissingSnapshotPolicy.Warn);

        Assert.True(result.Test.Rows > 0);
    }

    [Fact]
    public void Evaluate_OfDataWithoutASnapshot_BelowAFloor_FailsNamingTheFloorNotTheMissingSnapshot()
    {
        using var root = new TemporaryDirectory();
        SimulatedData.WriteConfiguration(root.Path, """
            { "trainer": "LightGbm", "crossValidationFolds": 3,
              "parameters": { "numberOfLeaves": 8, "minimumExampleCountPerLeaf": 10, "numberOfIterations": 60, "learningRate": 0.1 },
              "gate": { "floors": { "accuracy": 0.9999 } } }
            """);
        var data = SimulatedData.Load();
        var ops = new LifecycleSteps(root.Path, "ai4i2020");
        ops.Train(data);

        var error = Assert.Throws<ModelingException>(() => ops.Evaluate(data, isEmbeddedDefault: false, onMissingSnapshot: MissingSnapshotPolicy.Warn));

        Assert.Contains("is past its floor 0.9999 (gate.floors in ", error.Message);
        Assert.DoesNotContain("No verified metric snapshot", error.Message);
        Assert.DoesNotContain("AcceptMetrics", error.Message);
    }
}
