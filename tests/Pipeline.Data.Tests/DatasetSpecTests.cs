using Pipeline.Data.Specs;

namespace Pipeline.Data.Tests;

public sealed class DatasetSpecTests
{
    private static string SpecText => File.ReadAllText(Path.Combine(RepositoryRoot.Path, "data", "ai4i2020.json"));

    [Fact]
    public void Ai4iSpec_DeclaresRolesLabelAndLeakageExclusions()
    {
        var (spec, path) = DatasetCatalog.Resolve(RepositoryRoot.Path, "ai4i2020");

        Assert.Equal(Path.Combine(RepositoryRoot.Path, "data", "ai4i2020.json"), path);
        Assert.Equal("Machine failure", spec.Label);
        Assert.Equal("1", spec.PositiveValue);
        Assert.Equal(ColumnRole.Id, spec.FindColumn("UDI")!.Role);
        Assert.All(new[] { "TWF", "HDF", "PWF", "OSF", "RNF" }, flag =>
        {
            Assert.Equal(ColumnRole.Excluded, spec.FindColumn(flag)!.Role);
            Assert.Equal("leakage", spec.FindColumn(flag)!.Reason);
        });
        Assert.Equal(["L", "M", "H"], spec.FindColumn("Type")!.Domain!);
        Assert.Contains(spec.DerivedFeatures, d => d.Expression == "[Torque [Nm]] * [Rotational speed [rpm]] * 2 * pi / 60");
        Assert.Equal(new SplitSpec { TestFraction = 0.2, Seed = 42, Stratified = true }, spec.Split);
        Assert.NotNull(spec.Source.Simulator);
    }

    [Fact]
    public void SecondSpec_LoadsWithStringCategoriesAndTrueFalseLabel()
    {
        var (spec, _) = DatasetCatalog.Resolve(RepositoryRoot.Path, "ecommerce-conversion");

        Assert.Equal("TRUE", spec.PositiveValue);
        Assert.Equal("data/ecommerce-conversion.csv", spec.Source.Path);
        Assert.Equal(ColumnRole.Boolean, spec.FindColumn("returning_visitor")!.Role);
    }

    [Fact]
    public void Spec_RoundTripsThroughJson()
    {
        var spec = DatasetSpec.Parse(SpecText, "ai4i2020.json");

        var again = DatasetSpec.Parse(spec.ToJson(), "copy.json");

        Assert.Equal(spec.ToJson(), again.ToJson());
        Assert.Equal(spec.Columns.Select(c => (c.Name, c.Role, c.ValueType)), again.Columns.Select(c => (c.Name, c.Role, c.ValueType)));
        Assert.Equal(spec.FindColumn("Type")!.Domain!, again.FindColumn("Type")!.Domain!);
    }

    [Fact]
    public void UnknownName_ListsTheKnownSpecs()
    {
        var error = Assert.Throws<DataException>(() => DatasetCatalog.Resolve(RepositoryRoot.Path, "ai4i2021"));

        Assert.Contains("Unknown dataset 'ai4i2021'", error.Message);
        Assert.Contains("ai4i2020, ecommerce-conversion", error.Message);
    }

    [Fact]
    public void PathToASpec_IsResolvedRelativeToTheRoot()
    {
        var (spec, path) = DatasetCatalog.Resolve(RepositoryRoot.Path, "data/ecommerce-conversion.json");

        Assert.Equal("ecommerce-conversion", spec.Name);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void InvalidJson_IsReportedWithItsLine()
    {
        var broken = SpecText.Replace("\"label\": \"Machine failure\",", "\"label\": \"Machine failure\"");

        var error = Assert.Throws<DataException>(() => DatasetSpec.Parse(broken, "broken.json"));

        Assert.Contains("broken.json", error.Message);
        Assert.NotNull(error.Line);
        Assert.Contains($"line {error.Line}", error.Message);
    }

    [Theory]
    [InlineData("\"role\": \"categorical\", \"domain\": [\"L\", \"M\", \"H\"]", "\"role\": \"categorical\"", "needs a \"domain\"")]
    [InlineData("\"role\": \"excluded\", \"reason\": \"leakage\", \"type\": \"boolean\", \"description\": \"Tool", "\"role\": \"excluded\", \"type\": \"boolean\", \"description\": \"Tool", "without a \"reason\"")]
    [InlineData("\"label\": \"Machine failure\",", "\"label\": \"Machine fail\",", "names the label 'Machine fail'")]
    [InlineData("\"positiveValue\": \"1\"", "\"positiveValue\": \"yes\"", "not in the label's domain")]
    [InlineData("\"testFraction\": 0.2", "\"testFraction\": 1.5", "between 0 and 1")]
    [InlineData("\"seed\": 3 }", "\"seed\": 3, \"scenario\": \"volcano\" }", "Unknown drift scenario 'volcano'")]
    [InlineData("\"role\": \"numeric\", \"min\": 0, \"max\": 500", "\"role\": \"numerical\", \"min\": 0, \"max\": 500", "roles")]
    [InlineData("\"expression\": \"[Tool wear [min]] * [Torque [Nm]]\"", "\"expression\": \"[Tool wear [min]] * [TWF]\"", "refers to [TWF]")]
    [InlineData("\"columns\": [\"TWF\", \"HDF\", \"PWF\", \"OSF\", \"RNF\"],\n      \"severity\": \"info\"", "\"columns\": [\"Type\"],\n      \"severity\": \"info\"", "not a boolean column")]
    public void InconsistentSpec_IsRejectedWithASentence(string from, string to, string expected)
    {
        Assert.Contains(from, SpecText);
        var text = SpecText.Replace(from, to);

        var error = Assert.Throws<DataException>(() => DatasetSpec.Parse(text, "edited.json"));

        Assert.Contains("edited.json", error.Message);
        Assert.Contains(expected.Replace("roles", ""), error.Message);
    }
}
