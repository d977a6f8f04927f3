using System.Text;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using Pipeline.Data.Validation;

namespace Pipeline.Data.Tests;

/// <summary>
/// Cells that are long or padded: a huge value never lands whole in a message or report, limits are configurable,
/// and numbers padded with spaces are still read, with one warning naming the column.
/// </summary>
public sealed class LongAndPaddedCellTests
{
    private const string Header = "UDI,Product ID,Type,Air temperature [K],Process temperature [K],Rotational speed [rpm],Torque [Nm],Tool wear [min],Machine failure,TWF,HDF,PWF,OSF,RNF";
    private static readonly DatasetSpec Spec = DatasetSpec.Load(Path.Combine(RepositoryRoot.Path, "data", "ai4i2020.json"));

    private static ValidationReport Validate(TemporaryDirectory directory, string csv)
    {
        var file = directory.Write("data.csv", Encoding.UTF8.GetBytes(csv));
        using var source = DataSource.Open(Spec, directory.Path, file);
        return DataValidator.Validate(Spec, source, schema: null);
    }

    private static string ReportJson(TemporaryDirectory directory, ValidationReport report)
    {
        ValidationReportWriter.Write(report, directory.Path);
        return File.ReadAllText(Path.Combine(directory.Path, "report.json"));
    }

    [Fact]
    public void ATenMegabyteTypeValue_FailsValidation_WithoutLandingInTheReport()
    {
        using var directory = new TemporaryDirectory();
        var report = Validate(directory, $"{Header}\n1,M14860,{new string('M', 10_000_000)},298.1,308.6,1551,42.8,0,0,0,0,0,0,0\n");

        var json = ReportJson(directory, report);

        Assert.False(report.Passed);
        Assert.Contains("longer than 65536 characters", json);
        Assert.True(json.Length < 10_000, $"report.json is {json.Length} characters");
    }

    [Fact]
    public void AnUnseenCategoryUnderTheFieldLimit_IsQuotedByAPrefixInTheReport()
    {
        using var directory = new TemporaryDirectory();
        var report = Validate(directory, $"{Header}\n1,M14860,{new string('Q', 60_000)},298.1,308.6,1551,42.8,0,0,0,0,0,0,0\n2,L47181,L,298.2,308.7,1408,46.3,3,0,0,0,0,0,0\n");

        var json = ReportJson(directory, report);

        Assert.Contains(report.Anomalies, a => a.Kind == "unseen-category" && a.Column == "Type");
        Assert.DoesNotContain(new string('Q', 100), json);
        Assert.Contains("(60000 chars)", json);
    }

    [Fact]
    public void NumbersPaddedWithSpaces_AreRead_WithOneWarningNamingTheColumn()
    {
        using var directory = new TemporaryDirectory();
        var report = Validate(directory, $"{Header}\n1,M14860,M,298.1,308.6,1551, 42.8 ,0,0,0,0,0,0,0\n2,L47181,L,298.2,308.7,1408, 46.3,3,0,0,0,0,0,0\n3,L47182,L,298.1,308.5,1498,49.4,5,1,0,0,1,0,0\n4,L47183,L,298.2,308.6,1433,39.5,7,0,0,0,0,0,0\n");

        var padded = Assert.Single(report.Anomalies, a => a.Kind == "padded-number");
        Assert.Equal(Severity.Warning, padded.Severity);
        Assert.Equal("Torque [Nm]", padded.Column);
        Assert.Equal(2, padded.Count);
        Assert.Contains("column 'Torque [Nm]'", padded.Message);
        Assert.DoesNotContain(report.Anomalies, a => a.Severity == Severity.Error);
        var data = DatasetLoader.Load(Spec, directory.Path, Path.Combine(directory.Path, "data.csv"));
        Assert.Equal(42.8, data.Numeric("Torque [Nm]")[0]);
    }
}
