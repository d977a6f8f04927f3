using System.Text.Json;
using Pipeline.Data;
using Pipeline.Data.Simulation;
using Pipeline.Modeling.Configuration;

namespace Pipeline.Monitoring.Tests;

/// <summary>
/// Current data as production has it: a CSV with the model's feature columns is enough; the label (and with it the
/// actual performance and label drift) only when present.
/// </summary>
public sealed class CurrentDataTests
{
    static readonly string[] Features = ["Type", "Air temperature [K]", "Process temperature [K]", "Rotational speed [rpm]", "Torque [Nm]", "Tool wear [min]"];

    // A simulated CSV cut down to the given columns, in that order.
    static string WriteCsv(string directory, int rows, ulong seed, string? scenario, IReadOnlyList<string> keep)
    {
        var full = Path.Combine(directory, $"full-{seed}.csv");
        using (var writer = new StreamWriter(full))
            new Ai4iSimulator(rows, seed, DriftScenario.Parse(scenario)).WriteCsv(writer);
        var lines = File.ReadAllLines(full);
        var header = CsvHeader.Split(lines[0]);
        var indexes = keep.Select(c => header.IndexOf(c)).ToArray();
        Assert.DoesNotContain(-1, indexes);
        var path = Path.Combine(directory, $"current-{seed}.csv");
        File.WriteAllLines(path, lines.Select(line => string.Join(",", indexes.Select(i => CsvHeader.Split(line)[i]))));
        return path;
    }

    [Fact]
    public void CsvWithOnlyTheFeatureColumns_IsRead_WithoutLabels()
    {
        using var root = new TemporaryDirectory();
        var csv = WriteCsv(root.Path, 300, 5, null, Features);

        var current = CurrentData.Open(SimulatedData.Spec(), csv);

        Assert.Equal(300, current.Sample.RowCount);
        Assert.Equal(Features, current.Sample.Columns);
        Assert.Null(current.Labels);
    }

    [Fact]
    public void CsvWithTheLabel_CarriesTheLabels()
    {
        using var root = new TemporaryDirectory();
        var csv = WriteCsv(root.Path, 300, 5, null, [.. Features, "Machine failure"]);

        var current = CurrentData.Open(SimulatedData.Spec(), csv);

        Assert.Equal(300, current.Labels!.Length);
    }

    [Fact]
    public void CsvWithoutAFeatureColumn_IsRefused_NamingTheColumn()
    {
        using var root = new TemporaryDirectory();
        var csv = WriteCsv(root.Path, 300, 5, null, Features.Where(c => c != "Torque [Nm]").ToList());

        var error = Assert.Throws<DataException>(() => CurrentData.Open(SimulatedData.Spec(), csv));

        Assert.Contains("'Torque [Nm]'", error.Message);
    }

    [Fact]
    public void HotAmbientCsvWithoutLabelOrFailureModes_IsReportedAsDrift_WithoutPerformance()
    {
        using var root = new TemporaryDirectory();
        var csv = WriteCsv(root.Path, 2000, 99, "hot-ambient", Features);
        var check = new DriftCheck(root.Path, "ai4i2020");

        var result = check.Run(SimulatedData.Load(), CurrentData.Open(SimulatedData.Spec(), csv));

        Assert.True(result.DriftDetected);
        Assert.Contains("Air temperature [K]", result.Drifted.Select(f => f.Column));
        Assert.Null(result.ActualPerformance);
        Assert.Null(result.LabelDrift);
        using var report = JsonDocument.Parse(File.ReadAllText(check.ReportJsonPath));
        Assert.False(report.RootElement.TryGetProperty("actualPerformance", out _));
    }

    [Fact]
    public void LabelledCsv_WithAProductionModel_ReportsActualPerformanceAndLabelDrift()
    {
        using var root = new TemporaryDirectory();
        SimulatedData.WriteConfiguration(root.Path, SimulatedData.FastConfiguration);
        var data = SimulatedData.Load();
        var steps = new LifecycleSteps(root.Path, "ai4i2020");
        steps.Train(data);
        steps.Evaluate(data, isEmbeddedDefault: true, onMissingSnapshot: MissingSnapshotPolicy.Warn);
        steps.Register(data);
        var csv = WriteCsv(root.Path, 2000, 99, null, [.. Features, "Machine failure"]);
        var check = new DriftCheck(root.Path, "ai4i2020");

        var result = check.Run(data, CurrentData.Open(SimulatedData.Spec(), csv));

        var actual = Assert.IsType<ActualPerformance>(result.ActualPerformance);
        Assert.Equal(2000, actual.Rows);
        Assert.InRange(actual.Positives, 1, 1999);
        Assert.InRange(actual.Accuracy, 0.9, 1);
        var labels = Assert.IsType<LabelDrift>(result.LabelDrift);
        Assert.Equal((double)actual.Positives / 2000, labels.CurrentPositiveRate, 12);
        Assert.InRange(labels.PValue, 0, 1);
        var estimate = Assert.IsType<PerformanceEstimate>(result.EstimatedPerformance);
        Assert.Equal(2000, estimate.Rows);
        Assert.InRange(estimate.F1.Estimate, estimate.F1.Low, estimate.F1.High);
        Assert.Equal(estimate.Calibration.Trusted, Math.Abs(estimate.Calibration.EstimatedF1 - estimate.Calibration.ActualF1) <= CalibrationCheck.Tolerance);
        using var report = JsonDocument.Parse(File.ReadAllText(check.ReportJsonPath));
        Assert.Equal(estimate.F1.Estimate, report.RootElement.GetProperty("estimatedPerformance").GetProperty("f1").GetProperty("estimate").GetDouble(), 12);
        Assert.Equal(actual.F1, report.RootElement.GetProperty("actualPerformance").GetProperty("f1").GetDouble(), 12);
        Assert.Equal(labels.ReferencePositiveRate, report.RootElement.GetProperty("labelDrift").GetProperty("referencePositiveRate").GetDouble(), 12);
    }
}
