using System.Text.Json;
using Pipeline.Data.Features;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Tests;

/// <summary>A numeric-coded categorical (domain "1"…"8") is accepted by /predict's input schema as a JSON number too.</summary>
public sealed class NumericCodedCategoryInputTests
{
    private static readonly InputSchema Schema = InputSchema.From(DatasetSpec.Parse("""
        {
          "name": "codes",
          "columns": [
            { "name": "region", "role": "categorical", "domain": ["1", "2", "3", "10"] },
            { "name": "store", "role": "categorical", "domain": ["3", "03"] },
            { "name": "colour", "role": "categorical", "domain": ["red", "blue"] },
            { "name": "label", "role": "label" }
          ],
          "label": "label",
          "positiveValue": "1"
        }
        """, "codes.json"));

    private static double[] Read(string region, string store = "\"03\"", string colour = "\"red\"") =>
        Schema.ReadValues(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(
            $$"""{ "region": {{region}}, "store": {{store}}, "colour": {{colour}} }""")!);

    [Fact]
    public void A_number_selects_the_category_written_as_that_number()
    {
        Assert.Equal(3, Read("10")[0]);
        Assert.Equal(3, Read("10.0")[0]);
        Assert.Equal(Read("\"2\"")[0], Read("2")[0]);
    }

    [Fact]
    public void A_number_outside_the_domain_is_an_unseen_category_naming_the_field()
    {
        var error = Assert.Throws<InputValidationException>(() => Read("4"));
        Assert.Contains("'region' is 4, a category the model has not seen", error.Message);
    }

    [Fact]
    public void A_number_matching_two_codes_asks_for_a_string_and_text_categories_still_refuse_numbers()
    {
        Assert.Contains("send the category as a string", Assert.Throws<InputValidationException>(() => Read("1", store: "3")).Message);
        Assert.Contains("wrong type", Assert.Throws<InputValidationException>(() => Read("1", colour: "1")).Message);
    }
}
