using Pipeline.Data.Loading;
using Pipeline.Data.Specs;

namespace Pipeline.Monitoring.Tests;

/// <summary>CheckDrift reads only the columns it compares, with the same verdict as on the whole data.</summary>
public class DriftOnMonitoredColumnsTests
{
    [Fact]
    public void TheMonitoredColumns_AreTheFeaturesAndLabel_NotTheIdOrTheExcludedOnes()
    {
        var spec = SimulatedData.Load().Spec;

        var monitored = DriftCheck.MonitoredColumns(spec).Columns.Select(c => c.Name).ToList();

        Assert.Equal(spec.Columns.Where(c => c.IsFeature || c.Role is ColumnRole.Label).Select(c => c.Name), monitored);
        Assert.DoesNotContain("UDI", monitored);
        Assert.DoesNotContain("Product ID", monitored);
        Assert.DoesNotContain("TWF", monitored);
    }

    [Fact]
    public void TheReportOnTheMonitoredColumns_IsTheReportOnTheWholeData()
    {
        using var root = new TemporaryDirectory();
        using var csv = new TemporaryDirectory();
        var whole = SimulatedData.Load();
        var current = csv["current.csv"];
        SpecSimulation.WriteCsv(whole.Spec, 3_000, 99, "hot-ambient", current);
        var check = new DriftCheck(root.Path, "ai4i2020");

        var onWhole = check.Run(whole, DriftCheck.OpenCurrent(whole.Spec, current)).ToJson();
        var projected = DatasetLoader.Load(DriftCheck.MonitoredColumns(whole.Spec), SimulatedData.RepositoryRoot, null);
        var onMonitored = check.Run(projected, DriftCheck.OpenCurrent(whole.Spec, current)).ToJson();

        Assert.Equal(onWhole, onMonitored);
    }
}
