using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using Pipeline.Data.Validation;

namespace Pipeline.Data.Tests;

/// <summary>
/// Mistakes a user makes in a dataset spec or in the --data path: each must be one sentence naming the file and what
/// was expected, without .NET type names or System.Text.Json's "LineNumber | BytePositionInLine" tail.
/// </summary>
public sealed class SpecAndSourceErrorMessageTests
{
    private static readonly string EcommerceSpecText = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "data", "ecommerce-conversion.json"));

    [Theory]
    [InlineData("\"role\": \"numeric\", \"min\": 1,", "\"role\": \"numerical\", \"min\": 1,",
        "is not valid at $.columns[6].role (line ", "expected one of id, numeric, categorical, boolean, label, excluded")]
    [InlineData("\"testFraction\": 0.25", "\"testFraction\": \"a quarter\"", "is not valid at $.split.testFraction (line ", "expected a number")]
    [InlineData("\"label\": \"converted\",", "\"label\": \"converted\"", "is not valid (line ", "invalid after a value")]
    [InlineData("[pages_viewed] / ([time_on_site_sec] / 60 + 1)", "[pages_seen] / 2", "has a derived feature that cannot be computed:", "[pages_seen]")]
    [InlineData("[pages_viewed] / ([time_on_site_sec] / 60 + 1)", "[pages_viewed] / 0", "has a derived feature that cannot be computed:", "division by the constant 0")]
    public void SpecMistake_IsOneSentenceNamingTheFileWhereAndWhatWasExpected(string from, string to, string where, string expected)
    {
        Assert.Contains(from, EcommerceSpecText);

        var error = Assert.Throws<DataException>(() => DatasetSpec.Parse(EcommerceSpecText.Replace(from, to), "edited.json"));

        Assert.StartsWith("The dataset spec 'edited.json' ", error.Message);
        Assert.Contains(where, error.Message);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("Pipeline.Data.Specs", error.Message);
        Assert.DoesNotContain("LineNumber:", error.Message);
    }

    [Fact]
    public void RowsWhereADerivedFeatureIsNotFinite_AreAValidationError_NamingLineAndInputs()
    {
        var spec = DatasetSpec.Parse(
            EcommerceSpecText.Replace("[pages_viewed] / ([time_on_site_sec] / 60 + 1)", "[pages_viewed] / [cart_value]"), "edited.json");

        using var source = DataSource.Open(spec, RepositoryRoot.Path, null);
        var report = DataValidator.Validate(spec, source, null);

        var anomaly = Assert.Single(report.Anomalies, a => a.Kind == "derived-not-finite");
        Assert.Equal(Severity.Error, anomaly.Severity);
        Assert.Equal("pages_per_minute", anomaly.Column);
        Assert.True(anomaly.Count > 1);
        Assert.Contains("line 2", anomaly.Message);
        Assert.Contains("cart_value = 0", anomaly.Message);
        Assert.Throws<DataException>(() => report.ThrowIfFailed(null));
    }

    [Fact]
    public void CommittedSpecs_HaveNoRowWithANonFiniteDerivedFeature()
    {
        foreach (var name in new[] { "ai4i2020", "ecommerce-conversion" })
        {
            var (spec, _) = DatasetCatalog.Resolve(RepositoryRoot.Path, name);
            using var source = DataSource.Open(spec, RepositoryRoot.Path, null);
            Assert.DoesNotContain(DataValidator.Validate(spec, source, null).Anomalies, a => a.Kind == "derived-not-finite");
        }
    }

    [Fact]
    public void DataPathThatIsADirectory_IsRejectedSayingSo()
    {
        using var folder = new TemporaryDirectory();
        var (spec, _) = DatasetCatalog.Resolve(RepositoryRoot.Path, "ai4i2020");

        var error = Assert.Throws<DataException>(() => DataSource.Open(spec, RepositoryRoot.Path, folder.Path));

        Assert.Contains(folder.Path, error.Message);
        Assert.Contains("is a directory; expected a CSV file", error.Message);
    }
}
