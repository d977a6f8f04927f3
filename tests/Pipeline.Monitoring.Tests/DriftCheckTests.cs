using System.Text.Json;
using Pipeline.Data;
using Pipeline.Data.Features;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Features;

namespace Pipeline.Monitoring.Tests;

/// <summary>
/// The drift check as the CheckDrift target runs it: the training split of the training data against current data,
/// per feature and by the production model's scores, with the report written under artifacts/<dataset>/drift.
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

        Assert.False(result.DriftDetected, string.Join(", ", result.Features.Select(f => $"{f.Column} PSI {f.Psi:F3} threshold {f.Threshold:F3} ({f.Method}, p {f.PsiPValue:G3})")));
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

        var current = DriftCheck.OpenCurrent(SimulatedData.Spec(), csv);

        Assert.Equal(500, current.Sample.RowCount);
        Assert.Contains("Torque [Nm]", current.Sample.Columns);
        Assert.Equal(500, current.Labels!.Length);
    }
}
