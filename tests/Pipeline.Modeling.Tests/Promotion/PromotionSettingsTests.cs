using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Promotion;

namespace Pipeline.Modeling.Tests.PromotionRules;

public class PromotionSettingsTests
{
    [Fact]
    public void APromotionSection_SetsTheRule_AndMissingKeysKeepTheirDefaults()
    {
        var configuration = TrainingConfigurationLoader.Parse("""{ "promotion": { "primaryMetric": "f1", "margin": 0.005 } }""", "training.json");

        Assert.Equal(new PromotionSettings("f1", 0.005, 1000, 0.95, 42), configuration.Promotion);
        Assert.Equal(PromotionSettings.Default, TrainingConfigurationLoader.Parse("{}", "training.json").Promotion);
        Assert.Equal(TrainingConfigurationLoader.Parse("{}", "t").ContentHash, configuration.ContentHash);
    }

    [Theory]
    [InlineData("""{ "promotion": { "primaryMetric": "auc" } }""", "setting 'promotion.primaryMetric' is \"auc\"; allowed: accuracy")]
    [InlineData("""{ "promotion": { "margin": -1 } }""", "setting 'promotion.margin' is -1, but must be a non-negative number")]
    [InlineData("""{ "promotion": { "resamples": 10 } }""", "setting 'promotion.resamples' is 10, but must be a whole number of at least 100")]
    [InlineData("""{ "promotion": { "confidence": 95 } }""", "setting 'promotion.confidence' is 95, but must be a number between 0.5 and 1")]
    [InlineData("""{ "promotion": { "interval": 1 } }""", "setting 'promotion.interval' is not a known setting; allowed: primaryMetric, margin")]
    [InlineData("""{ "promotion": 1 }""", "setting 'promotion' must be an object")]
    public void ABadPromotionSetting_IsRefusedNamingTheFileAndTheSetting(string json, string expected)
    {
        var error = Assert.Throws<ModelingException>(() => TrainingConfigurationLoader.Parse(json, "models/d/training.json"));

        Assert.StartsWith("Training configuration models/d/training.json: ", error.Message);
        Assert.Contains(expected, error.Message);
    }
}
