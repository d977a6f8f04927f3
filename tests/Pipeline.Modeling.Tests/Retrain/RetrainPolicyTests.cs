using Pipeline.Modeling.Configuration;

namespace Pipeline.Modeling.Tests.Retrain;

/// <summary>training.json's <c>retrain</c> section: parsed into a typed policy, every mistake named with its setting.</summary>
public class RetrainPolicyTests
{
    static RetrainPolicy Parse(string retrain) =>
        TrainingConfigurationLoader.Parse($$"""{ "retrain": {{retrain}} }""", "models/x/training.json").Retrain;

    [Fact]
    public void WithoutASection_RetrainTrainsOnRecentRows_HoldsOutThirtyPercent_WithoutCooldown()
    {
        var policy = TrainingConfigurationLoader.Parse("{}", "t.json").Retrain;

        Assert.Equal(new RetrainPolicy(RetrainDataMode.Recent, 0.3, null, RetrainCooldownSettings.None), policy);
    }

    [Fact]
    public void EverySetting_IsRead()
    {
        Assert.Equal(new RetrainPolicy(RetrainDataMode.ReferenceAndRecent, 0.4, null, new RetrainCooldownSettings(24, 2)),
            Parse("""{ "data": "reference+recent", "holdout": 0.4, "cooldown": { "hours": 24, "runs": 2 } }"""));
        Assert.Equal(new RetrainPolicy(RetrainDataMode.Sliding, 0.3, 12000, RetrainCooldownSettings.None),
            Parse("""{ "data": "sliding", "slidingRows": 12000 }"""));
        Assert.Equal(RetrainDataMode.Recent, Parse("""{ "data": "recent" }""").Data);
    }

    [Theory]
    [InlineData("""{ "data": "everything" }""", "'retrain.data' is \"everything\"; allowed: \"recent\", \"reference+recent\", \"sliding\"")]
    [InlineData("""{ "holdout": 0.95 }""", "'retrain.holdout' is 0.95, but must be a fraction of the recent labelled rows between 0.05 and 0.9")]
    [InlineData("""{ "holdout": "a third" }""", "'retrain.holdout' is \"a third\"")]
    [InlineData("""{ "data": "sliding" }""", "'retrain.slidingRows' is missing")]
    [InlineData("""{ "data": "recent", "slidingRows": 5000 }""", "'retrain.slidingRows' is set, but only \"data\": \"sliding\" uses it")]
    [InlineData("""{ "data": "sliding", "slidingRows": 10 }""", "'retrain.slidingRows' is 10, but must be a whole number of rows, at least 100")]
    [InlineData("""{ "cooldown": { "hours": -1 } }""", "'retrain.cooldown.hours' is -1, but must be a non-negative number of hours")]
    [InlineData("""{ "cooldown": { "runs": 1.5 } }""", "'retrain.cooldown.runs' is 1.5, but must be a non-negative whole number of runs")]
    [InlineData("""{ "cooldown": { "days": 1 } }""", "'retrain.cooldown.days' is not a known setting; allowed: hours, runs")]
    [InlineData("""{ "window": 3 }""", "'retrain.window' is not a known setting; allowed: data, holdout, slidingRows, cooldown")]
    [InlineData("""[]""", "'retrain' must be an object")]
    public void AMistake_IsNamedWithTheFileAndTheSetting(string retrain, string expected)
    {
        var error = Assert.Throws<ModelingException>(() => Parse(retrain));

        Assert.StartsWith("Training configuration models/x/training.json: setting ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void TheRetrainPolicy_DoesNotChangeTheConfigurationHash()
    {
        // The policy chooses the data, which has its own hash; the model's configuration identity stays the same.
        Assert.Equal(TrainingConfigurationLoader.Parse("{}", "a").ContentHash,
            TrainingConfigurationLoader.Parse("""{ "retrain": { "data": "reference+recent", "cooldown": { "runs": 1 } } }""", "b").ContentHash);
    }

    [Fact]
    public void TheCommittedAi4iConfiguration_HasAValidRetrainPolicy()
    {
        var policy = TrainingConfigurationLoader.Load(Path.Combine(SimulatedData.RepositoryRoot, "models", "ai4i2020", "training.json")).Retrain;

        Assert.NotEqual(RetrainPolicy.Default, policy);
    }
}
