using System.Text.Json;
using Pipeline.Data.Features;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Tests;

public sealed class FeatureVectorizerTests
{
    private static readonly DatasetSpec Spec = DatasetSpec.Load(Path.Combine(RepositoryRoot.Path, "data", "ai4i2020.json"));

    private const string Record = """
        { "Type": "M", "Air temperature [K]": 298.1, "Process temperature [K]": 308.6, "Rotational speed [rpm]": 1551,
          "Torque [Nm]": 42.8, "Tool wear [min]": 100 }
        """;

    [Fact]
    public void FeatureNames_AreOneHotCategoriesThenNumbersThenDerived_WithoutIdLabelOrExcluded()
    {
        var vectorizer = new FeatureVectorizer(Spec);

        Assert.Equal(
            ["Type=L", "Type=M", "Type=H", "Air temperature [K]", "Process temperature [K]", "Rotational speed [rpm]", "Torque [Nm]", "Tool wear [min]",
             "Temperature difference [K]", "Power [W]", "Strain [min Nm]", "Strain over limit", "Heat dissipation margin [K]", "Power margin [W]"],
            vectorizer.FeatureNames);
        Assert.Equal(14, vectorizer.Width);
    }

    [Fact]
    public void ScoringRecord_IsVectorisedWithDerivedPhysics()
    {
        var vector = new FeatureVectorizer(Spec).Vectorize(Parse(Record));

        Assert.Equal([0f, 1f, 0f], vector[..3]);
        Assert.Equal(10.5f, vector[8], 3);
        Assert.Equal((float)(42.8 * 1551 * 2 * Math.PI / 60), vector[9], 1);
        Assert.Equal(4280f, vector[10], 1);
        Assert.Equal(4280f / 12000, vector[11], 4);
        Assert.Equal(1.9f, vector[12], 3);
        Assert.Equal((float)Math.Min(42.8 * 1551 * 2 * Math.PI / 60 - 3500, 9000 - 42.8 * 1551 * 2 * Math.PI / 60), vector[13], 1);
    }

    [Fact]
    public void DatasetRow_AndTheSameValuesAsARecord_GiveTheSameVector()
    {
        var data = DatasetLoader.Load(Spec, RepositoryRoot.Path, null);
        var vectorizer = new FeatureVectorizer(Spec);
        const int row = 17;
        var fromRow = new float[vectorizer.Width];
        vectorizer.Vectorize(data, row, fromRow);
        var record = new Dictionary<string, object>
        {
            ["Type"] = data.Text("Type")[row],
            ["Air temperature [K]"] = data.Numeric("Air temperature [K]")[row],
            ["Process temperature [K]"] = data.Numeric("Process temperature [K]")[row],
            ["Rotational speed [rpm]"] = data.Numeric("Rotational speed [rpm]")[row],
            ["Torque [Nm]"] = data.Numeric("Torque [Nm]")[row],
            ["Tool wear [min]"] = data.Numeric("Tool wear [min]")[row],
        };

        var fromRecord = vectorizer.Vectorize(Parse(JsonSerializer.Serialize(record)));

        Assert.Equal(fromRow, fromRecord);
        Assert.Equal(data.Labels[row], vectorizer.Label(data, row));
    }

    [Fact]
    public void BooleanFeatures_BecomeZeroOrOne()
    {
        var (spec, _) = DatasetCatalog.Resolve(RepositoryRoot.Path, "ecommerce-conversion");
        var data = DatasetLoader.Load(spec, RepositoryRoot.Path, null);
        var vectorizer = new FeatureVectorizer(spec);
        var position = vectorizer.FeatureNames.ToList().IndexOf("returning_visitor");
        var vector = new float[vectorizer.Width];

        for (var row = 0; row < data.RowCount; row++)
        {
            vectorizer.Vectorize(data, row, vector);
            Assert.Equal(data.Boolean("returning_visitor")[row] ? 1f : 0f, vector[position]);
        }
        Assert.DoesNotContain("checkout_completed", vectorizer.FeatureNames);
        Assert.DoesNotContain("landing_page", vectorizer.FeatureNames);
    }

    [Fact]
    public void RecordOfAMixedSpec_GivesTheSameVectorAsItsDatasetRow()
    {
        // Categorical, boolean and numeric fields interleaved, with excluded columns between them.
        var (spec, _) = DatasetCatalog.Resolve(RepositoryRoot.Path, "ecommerce-conversion");
        var data = DatasetLoader.Load(spec, RepositoryRoot.Path, null);
        var vectorizer = new FeatureVectorizer(spec);
        foreach (var row in new[] { 0, 5, data.RowCount - 1 })
        {
            var fromRow = new float[vectorizer.Width];
            vectorizer.Vectorize(data, row, fromRow);
            var record = spec.Columns.Where(c => c.IsFeature).ToDictionary(c => c.Name, c => c.Role switch
            {
                ColumnRole.Numeric => (object)data.Numeric(c.Name)[row],
                ColumnRole.Boolean => data.Boolean(c.Name)[row],
                _ => data.Text(c.Name)[row],
            });

            var fromRecord = vectorizer.Vectorize(Parse(JsonSerializer.Serialize(record)));

            Assert.Equal(fromRow, fromRecord);
        }
    }

    [Theory]
    [InlineData("\"Torque [Nm]\": 42.8,", "", "Torque [Nm]", "Missing field 'Torque [Nm]'")]
    [InlineData("\"Torque [Nm]\": 42.8,", "\"Torque [Nm]\": 42.8, \"Humidity\": 3,", "Humidity", "Unknown field")]
    [InlineData("\"Torque [Nm]\": 42.8,", "\"Torque [Nm]\": 42.8, \"TWF\": 0,", "TWF", "the spec excludes it (leakage)")]
    [InlineData("\"Torque [Nm]\": 42.8,", "\"Torque [Nm]\": \"42.8\",", "Torque [Nm]", "wrong type")]
    [InlineData("\"Torque [Nm]\": 42.8,", "\"Torque [Nm]\": \"NaN\",", "Torque [Nm]", "finite")]
    [InlineData("\"Torque [Nm]\": 42.8,", "\"Torque [Nm]\": 1e400,", "Torque [Nm]", "finite")]
    [InlineData("\"Torque [Nm]\": 42.8,", "\"Torque [Nm]\": -4,", "Torque [Nm]", "between 0 and 500")]
    [InlineData("\"Type\": \"M\"", "\"Type\": \"X\"", "Type", "has not seen")]
    [InlineData("\"Type\": \"M\"", "\"Type\": 1", "Type", "wrong type")]
    [InlineData("\"Tool wear [min]\": 100", "\"Tool wear [min]\": null", "Tool wear [min]", "wrong type")]
    public void InvalidRecord_IsRejectedNamingTheField(string from, string to, string field, string expected)
    {
        var vectorizer = new FeatureVectorizer(Spec);

        var error = Assert.Throws<InputValidationException>(() => vectorizer.Vectorize(Parse(Record.Replace(from, to))));

        Assert.Equal(field, error.Field);
        Assert.Contains(expected, error.Message);
        Assert.Contains($"'{field}'", error.Message);
    }

    [Fact]
    public void InputSchema_RoundTripsThroughJson_AndStillValidates()
    {
        var schema = InputSchema.FromJson(InputSchema.From(Spec).ToJson());

        Assert.Equal(["Type", "Air temperature [K]", "Process temperature [K]", "Rotational speed [rpm]", "Torque [Nm]", "Tool wear [min]"], schema.Fields.Select(f => f.Name));
        Assert.Equal(InputFieldKind.Categorical, schema.Fields[0].Kind);
        Assert.Equal(["L", "M", "H"], schema.Fields[0].Domain!);
        schema.Validate(Parse(Record));
        Assert.Throws<InputValidationException>(() => schema.Validate(Parse(Record.Replace("\"M\"", "\"Q\""))));
    }

    private static Dictionary<string, JsonElement> Parse(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
}
