using Pipeline.Data;
using Pipeline.Data.Features;


namespace Pipeline.Monitoring.Tests;

/// <summary>
/// A drift check that fails (too few rows, bad drift.json, unreadable current data) must not leave the previous run's
/// report in artifacts/<dataset>/drift, where it would be read as this run's verdict.
/// </summary>
public class FailedDriftCheckLeavesNoStaleVerdictTests
{
    static FeatureSample Sample(int rows) => FeatureSample.FromDataset(SimulatedData.Load(), Enumerable.Range(0, rows).ToArray());

    [Fact]
    public void ACheckRejectedForTooFewRows_RemovesThePreviousReport()
    {
        using var root = new TemporaryDirectory();
        var check = new DriftCheck(root.Path, "ai4i2020");
        var data = SimulatedData.Load();
        check.Run(data, Sample(500));
        Assert.True(File.Exists(check.ReportJsonPath));

        Assert.Throws<DataException>(() => check.Run(data, Sample(50)));

        Assert.False(File.Exists(check.ReportJsonPath), "report.json of the previous check is still there after a failed one");
        Assert.False(File.Exists(check.ReportHtmlPath), "report.html of the previous check is still there after a failed one");
    }

    [Fact]
    public void ACheckWithInvalidDriftSettings_RemovesThePreviousReport()
    {
        using var root = new TemporaryDirectory();
        var check = new DriftCheck(root.Path, "ai4i2020");
        var data = SimulatedData.Load();
        check.Run(data, Sample(500));
        Directory.CreateDirectory(Path.GetDirectoryName(check.SettingsPath)!);
        File.WriteAllText(check.SettingsPath, """{ "bins": 1 }""");

        Assert.Throws<DataException>(() => check.Run(data, Sample(500)));

        Assert.False(File.Exists(check.ReportJsonPath));
        Assert.False(File.Exists(check.ReportHtmlPath));
    }

    [Fact]
    public void DiscardingThePreviousReport_BeforeTheCurrentDataIsOpened_LeavesNoReport()
    {
        using var root = new TemporaryDirectory();
        var check = new DriftCheck(root.Path, "ai4i2020");
        check.Run(SimulatedData.Load(), Sample(500));

        check.DiscardPreviousReport();

        Assert.False(File.Exists(check.ReportJsonPath));
        Assert.False(File.Exists(check.ReportHtmlPath));
    }
}
