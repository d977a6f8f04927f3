using System.Text.Json;
using Pipeline.Data.Loading;
using Pipeline.Data.Simulation;
using Pipeline.Data.Specs;
using Pipeline.Data.Validation;

namespace Pipeline.Data.Tests;

public sealed class DataValidatorTests
{
    private static readonly string SpecPath = Path.Combine(RepositoryRoot.Path, "data", "ai4i2020.json");
    private static readonly DatasetSpec Spec = DatasetSpec.Load(SpecPath);
    private static readonly DataSchema Schema = DataSchema.Load(Path.Combine(RepositoryRoot.Path, "data", "ai4i2020.schema.json"));
    private static readonly string[] Flags = ["TWF", "HDF", "PWF", "OSF", "RNF"];

    [SkippableFact]
    public void RealFile_PassesWithExactlyItsKnownQuirksAsWarnings_AndTheLeakageColumnsIdentified()
    {
        var file = RepositoryRoot.RequireRealAi4iFile();

        var report = Validate(Spec, file, Schema);

        Assert.True(report.Passed);
        Assert.Equal(10_000, report.Rows);
        Assert.Equal("ec4ed737b27c4e65730e3b875626ddb4db005d79733f0fc1f59d72db467cd670", report.ContentHash);
        Assert.Equal(
            [("failure-has-mode", Severity.Warning, 9L), ("mode-means-failure", Severity.Warning, 18L), ("single-mode", Severity.Info, 24L)],
            report.Anomalies.Where(a => a.Kind == "label-rule").Select(a => (a.Rule!, a.Severity, a.Count)).OrderBy(t => t.Item1));
        Assert.Equal(2, report.Warnings);
        Assert.Equal(Flags, report.Leakage.Where(l => l.IsLeakage).Select(l => l.Column));
        Assert.All(report.Leakage.Where(l => l.IsLeakage), l => Assert.True(l.Excluded));
        Assert.Equal(339, report.Anomalies.Single(a => a.Kind == "class-balance").Count);
        Assert.DoesNotContain(report.Anomalies, a => a.Kind is "out-of-reference-range" or "type-error" or "missing-value");
    }

    [SkippableFact]
    public void RealFile_WithFlagsAsFeatures_FailsOnLeakage_EvenWithoutLabelRules()
    {
        var file = RepositoryRoot.RequireRealAi4iFile();
        var leaky = FlagsAsFeatures(Spec) with { LabelRules = [] };

        var report = Validate(leaky, file, null);

        Assert.False(report.Passed);
        // Without rules only the data speaks: the four deterministic modes are caught; RNF (1 of 19 flags is a
        // failure in the real file) is not, which is why the AI4I spec also declares the modes in label rules.
        Assert.Equal(["TWF", "HDF", "PWF", "OSF"], report.Anomalies.Where(a => a is { Kind: "leakage", Severity: Severity.Error }).Select(a => a.Column));
    }

    [Fact]
    public void FlagsUsedAsFeatures_AreLeakageErrors()
    {
        var report = Validate(FlagsAsFeatures(Spec), null, Schema);

        Assert.False(report.Passed);
        Assert.Equal(Flags, report.Anomalies.Where(a => a is { Kind: "leakage", Severity: Severity.Error }).Select(a => a.Column));
        var error = Assert.Throws<DataException>(() => report.ThrowIfFailed("artifacts/validation/report.md"));
        Assert.Contains("leaks the label", error.Message);
    }

    [Fact]
    public void LabelCopy_IsCaughtAsLeakage()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("copy.csv", SimulatedCsv(2_000, ""));
        var lines = File.ReadAllLines(file);
        File.WriteAllLines(file, lines.Select((l, i) => i == 0 ? l + ",Failure copy" : l + "," + l.Split(',')[8]));
        var spec = Spec with { Columns = [.. Spec.Columns, new ColumnSpec { Name = "Failure copy", Role = ColumnRole.Boolean }] };

        var report = Validate(spec, file, Schema);

        var finding = report.Leakage.Single(l => l.Column == "Failure copy");
        Assert.True(finding.IsLeakage);
        Assert.Equal(1.0, finding.SingleColumnF1);
        Assert.Contains(report.Anomalies, a => a is { Kind: "leakage", Severity: Severity.Error, Column: "Failure copy" });
    }

    [Fact]
    public void SimulatedDefault_PassesAgainstTheReviewedSchemaWithoutWarnings()
    {
        var report = Validate(Spec, null, Schema);

        Assert.True(report.Passed);
        Assert.Equal(0, report.Warnings);
        Assert.Equal(Flags, report.Leakage.Where(l => l.IsLeakage).Select(l => l.Column));
    }

    [Fact]
    public void HotAmbient_IsReportedAsOutOfReferenceRange_NotAsAnError()
    {
        var report = Validate(WithScenario("hot-ambient(kelvin=12)"), null, Schema);

        Assert.True(report.Passed);
        var drift = report.Anomalies.Single(a => a is { Kind: "out-of-reference-range", Column: "Air temperature [K]" });
        Assert.Equal(Severity.Warning, drift.Severity);
        Assert.True(drift.Count > 100);
        Assert.Contains("outside the reference range [290.7, 309.1]", drift.Examples[0].Message);
        // With 12 K hotter air nearly every slow run is a heat failure, so speed alone predicts the label (F1 ≈ 0.95):
        // physics, not leakage, hence only a warning for a numeric feature below F1 0.99.
        Assert.Contains(report.Anomalies, a => a is { Kind: "leakage", Column: "Rotational speed [rpm]", Severity: Severity.Warning });
    }

    [Fact]
    public void ClassBalanceFarFromTheReference_IsAWarning()
    {
        var report = Validate(WithScenario("hot-ambient(kelvin=8)"), null, Schema);

        var balance = report.Anomalies.Single(a => a.Kind == "class-balance");
        Assert.Equal(Severity.Warning, balance.Severity);
        Assert.Contains("outside the reference range", balance.Message);
    }

    [Fact]
    public void StuckSensor_IsAConstantColumnWarning()
    {
        var report = Validate(WithScenario("stuck-sensor(sensor=torque, start=0)"), null, Schema);

        Assert.Contains(report.Anomalies, a => a is { Kind: "constant-column", Column: "Torque [Nm]", Severity: Severity.Warning });
    }

    [Fact]
    public void ExtraColumn_IsAWarningAndIgnored()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("extra.csv", string.Join("\n", SimulatedCsv(500, "").Split('\n').Select((l, i) => l.Length == 0 ? l : l + (i == 0 ? ",Operator" : ",anna"))));

        var report = Validate(Spec, file, Schema);

        Assert.True(report.Passed);
        Assert.Contains(report.Anomalies, a => a is { Kind: "extra-column", Column: "Operator", Severity: Severity.Warning });
    }

    [Fact]
    public void ManyBadCells_AreAllCounted_WithFiveExamplesInFileOrder()
    {
        using var directory = new TemporaryDirectory();
        var lines = SimulatedCsv(300, "").Split('\n');
        for (var i = 10; i < 30; i++) lines[i] = lines[i].Replace(",L,", ",Z,").Replace(",M,", ",Z,").Replace(",H,", ",Z,");
        var file = directory.Write("types.csv", string.Join("\n", lines));

        var report = Validate(Spec, file, Schema);

        var unseen = report.Anomalies.Single(a => a.Kind == "unseen-category");
        Assert.Equal(20, unseen.Count);
        Assert.Equal([11L, 12, 13, 14, 15], unseen.Examples.Select(e => e.Line));
        Assert.Equal("Z", unseen.Examples[0].Value);
    }

    [Fact]
    public void Reports_AreWrittenAsJsonAndMarkdown()
    {
        using var directory = new TemporaryDirectory();

        var (report, json, markdown) = ValidationRun.Validate(Spec, SpecPath, RepositoryRoot.Path, null, directory.Path);

        using var document = JsonDocument.Parse(File.ReadAllText(json));
        Assert.True(document.RootElement.GetProperty("passed").GetBoolean());
        Assert.Equal(report.Rows, document.RootElement.GetProperty("rows").GetInt64());
        Assert.Equal(report.Anomalies.Count, document.RootElement.GetProperty("anomalies").GetArrayLength());
        Assert.Equal("label-rule", document.RootElement.GetProperty("anomalies")[0].GetProperty("kind").GetString());
        var text = File.ReadAllText(markdown);
        Assert.Contains("# Data validation: ai4i2020 — PASSED", text);
        Assert.Contains("| TWF | **yes** | yes |", text);
    }

    [Fact]
    public void InferredSchema_DescribesTheReferenceData()
    {
        using var source = DataSource.Open(Spec, RepositoryRoot.Path, null);

        var schema = DataValidator.InferSchema(Spec, source);

        var air = schema.FindColumn("Air temperature [K]")!;
        Assert.True(air.Min < air.Max);
        Assert.Equal(air.Min!.Value - (air.Max!.Value - air.Min.Value) / 2, air.AllowedRange![0], 6);
        Assert.Equal(["L", "M", "H"], schema.FindColumn("Type")!.Frequencies!.Keys);
        Assert.InRange(schema.PositiveFraction, 0.02, 0.06);
        Assert.Equal(10_000, schema.Rows);
    }

    [Fact]
    public void InferSchema_RefusesReferenceDataWithErrors()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("bad.csv", SimulatedCsv(50, "").Replace(",L,", ",Q,"));
        using var source = DataSource.Open(Spec, directory.Path, file);

        var error = Assert.Throws<DataException>(() => DataValidator.InferSchema(Spec, source));

        Assert.StartsWith("Cannot infer a schema from reference data with errors.", error.Message);
        Assert.Contains("column 'Type'", error.Message);
    }

    [Fact]
    public void SchemaWithoutAColumn_IsReportedAsStale()
    {
        var stale = Schema with { Columns = Schema.Columns.Where(c => c.Name != "Tool wear [min]").ToList() };

        var report = Validate(Spec, null, stale);

        Assert.Contains(report.Anomalies, a => a is { Kind: "stale-schema", Column: "Tool wear [min]", Severity: Severity.Warning });
    }

    [Fact]
    public void MissingSchema_IsAWarning()
    {
        var report = Validate(Spec, null, null);

        Assert.Contains(report.Anomalies, a => a is { Kind: "no-schema", Severity: Severity.Warning });
    }

    [Fact]
    public void SecondDataset_ValidatesAgainstItsOwnSchema_AndFindsItsLeakyColumn()
    {
        var (spec, path) = DatasetCatalog.Resolve(RepositoryRoot.Path, "ecommerce-conversion");
        using var directory = new TemporaryDirectory();

        var (report, _, _) = ValidationRun.Validate(spec, path, RepositoryRoot.Path, null, directory.Path);

        Assert.True(report.Passed);
        Assert.Equal(0, report.Warnings);
        Assert.Equal(["checkout_completed"], report.Leakage.Where(l => l.IsLeakage).Select(l => l.Column));
    }

    [Theory]
    [InlineData(3, Severity.Warning)]
    [InlineData(30, Severity.Error)]
    public void AFeatureThatSeparatesTheLabel_IsConclusiveLeakageOnlyWithEnoughPositives(int positives, Severity expected)
    {
        // Simulated rows in which tool wear alone separates the classes (900 min on failures, 10 on the rest).
        using var text = new StringWriter();
        new Ai4iSimulator(20_000, 11).WriteCsv(text);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string WithWear(string line, string wear) { var cells = line.Split(','); cells[7] = wear; return string.Join(',', cells); }
        var rows = lines.Skip(1).Where(l => l.Split(',')[8] == "0").Take(10 * positives).Select(l => WithWear(l, "10"))
            .Concat(lines.Skip(1).Where(l => l.Split(',')[8] == "1").Take(positives).Select(l => WithWear(l, "900")));
        using var folder = new TemporaryDirectory();
        var file = folder.Write("separable.csv", string.Join('\n', rows.Prepend(lines[0])) + "\n");

        var report = Validate(Spec, file, null);

        var anomaly = Assert.Single(report.Anomalies, a => a.Kind == "leakage" && a.Column == "Tool wear [min]");
        Assert.Equal(expected, anomaly.Severity);
        if (expected == Severity.Warning) Assert.Contains($"only {positives} positive rows", anomaly.Message);
    }

    private static ValidationReport Validate(DatasetSpec spec, string? file, DataSchema? schema)
    {
        using var source = DataSource.Open(spec, RepositoryRoot.Path, file);
        return DataValidator.Validate(spec, source, schema, "data/ai4i2020.schema.json");
    }

    private static DatasetSpec FlagsAsFeatures(DatasetSpec spec) => spec with
    {
        Columns = spec.Columns.Select(c => Flags.Contains(c.Name) ? c with { Role = ColumnRole.Boolean, Reason = null, Type = null } : c).ToList(),
    };

    private static DatasetSpec WithScenario(string scenario) =>
        Spec with { Source = new SourceSpec { Simulator = Spec.Source.Simulator! with { Scenario = scenario } } };

    private static string SimulatedCsv(int rows, string scenario)
    {
        using var writer = new StringWriter();
        new Simulation.Ai4iSimulator(rows, 9, Simulation.DriftScenario.Parse(scenario)).WriteCsv(writer);
        return writer.ToString();
    }
}
