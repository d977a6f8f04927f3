using Pipeline.Data.Loading;
using Pipeline.Data.Simulation;
using Pipeline.Data.Specs;
using Pipeline.Data.Validation;

namespace Pipeline.Data.Tests;

/// <summary>A run that validates and then trains reads the file once: the validation pass hands over what it parsed.</summary>
public sealed class ValidationKeepsDataTests
{
    private static readonly string SpecPath = Path.Combine(RepositoryRoot.Path, "data", "ai4i2020.json");
    private static readonly DatasetSpec Spec = DatasetSpec.Load(SpecPath);

    [Fact]
    public void TheKeptData_IsWhatTheLoaderLoads()
    {
        using var directory = new TemporaryDirectory();
        var csv = directory["data.csv"];
        SpecSimulation.WriteCsv(Spec, 3_000, null, null, csv);

        var (report, _, _, kept) = ValidationRun.Validate(Spec, SpecPath, RepositoryRoot.Path, csv, directory["validation"], keepData: true);
        var loaded = DatasetLoader.Load(Spec, RepositoryRoot.Path, csv);

        Assert.True(report.Passed);
        Assert.NotNull(kept);
        Assert.Equal((loaded.RowCount, loaded.ContentHash, loaded.SourceDescription), (kept.RowCount, kept.ContentHash, kept.SourceDescription));
        foreach (var column in Spec.Columns)
        {
            switch (column.ValueType)
            {
                case ColumnValueType.Numeric: Assert.Equal(loaded.Numeric(column.Name), kept.Numeric(column.Name)); break;
                case ColumnValueType.Boolean: Assert.Equal(loaded.Boolean(column.Name), kept.Boolean(column.Name)); break;
                default: Assert.Equal(loaded.Text(column.Name), kept.Text(column.Name)); break;
            }
        }
    }

    [Fact]
    public void DataWithAnError_IsNotKept()
    {
        using var directory = new TemporaryDirectory();
        var csv = directory["data.csv"];
        SpecSimulation.WriteCsv(Spec, 500, null, null, csv);
        var lines = File.ReadAllLines(csv);
        lines[100] = lines[100].Replace(",L,", ",X,").Replace(",M,", ",X,").Replace(",H,", ",X,"); // not a Type
        File.WriteAllLines(csv, lines);

        var (report, _, _, kept) = ValidationRun.Validate(Spec, SpecPath, RepositoryRoot.Path, csv, directory["validation"], keepData: true);

        Assert.False(report.Passed);
        Assert.Null(kept);
    }

    [Fact]
    public void ValidatingAlone_KeepsNothing()
    {
        using var directory = new TemporaryDirectory();
        var csv = directory["data.csv"];
        SpecSimulation.WriteCsv(Spec, 500, null, null, csv);

        var (report, _, _, kept) = ValidationRun.Validate(Spec, SpecPath, RepositoryRoot.Path, csv, directory["validation"], keepData: false);

        Assert.True(report.Passed);
        Assert.Null(kept);
    }
}
