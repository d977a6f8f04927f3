using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Promotion;

namespace Pipeline.Modeling.Tests.PromotionRules;

public class PromotionRuleTests
{
    // 2,000 held-out rows, 5 % positive; a model's scores are the label plus noise of the given spread.
    static (bool[] Labels, float[] Champion) HeldOut(int seed = 7)
    {
        var random = new Random(seed);
        var labels = Enumerable.Range(0, 2000).Select(_ => random.NextDouble() < 0.05).ToArray();
        return (labels, Scores(labels, noise: 0.45, seed: 11));
    }

    static float[] Scores(bool[] labels, double noise, int seed)
    {
        var random = new Random(seed);
        return labels.Select(l => (float)Math.Clamp((l ? 0.6 : 0.3) + noise * (random.NextDouble() - 0.5) * 2, 0.001, 0.999)).ToArray();
    }

    [Fact]
    public void AnIdenticalModel_Ties_AndStaysStaging()
    {
        var (labels, champion) = HeldOut();

        var decision = new PromotionRule().Decide(labels, new ScoredPredictions(champion, 0.5), new ScoredPredictions(champion.ToArray(), 0.5));

        Assert.False(decision.Promote);
        Assert.Equal((0.0, 0.0, 0.0), (decision.Difference, decision.Lower, decision.Upper));
        Assert.Equal("stays staging: PR AUC +0.0000, 95 % interval [+0.0000, +0.0000] does not clear the margin 0.0000.", decision.Sentence);
    }

    [Fact]
    public void AClearlyBetterModel_ClearsTheMargin_AndIsPromoted()
    {
        var (labels, champion) = HeldOut();
        var challenger = Scores(labels, noise: 0.2, seed: 12);

        var decision = new PromotionRule(new PromotionSettings("prAuc", 0.02, 1000, 0.95, 42)).Decide(labels, new ScoredPredictions(champion, 0.5), new ScoredPredictions(challenger, 0.5));

        Assert.True(decision.Promote, decision.Sentence);
        Assert.True(decision.Lower > 0.02);
        Assert.StartsWith("promoted: PR AUC +0.", decision.Sentence);
        Assert.Contains("clears the margin 0.0200.", decision.Sentence);
    }

    [Fact]
    public void ATinyGainWithinTheNoise_StaysStaging_AndTheSentenceShowsTheInterval()
    {
        var (labels, champion) = HeldOut();
        // The same model with a little noise of its own: sometimes better, sometimes worse.
        var random = new Random(3);
        var challenger = champion.Select(p => Math.Clamp(p + (float)(random.NextDouble() - 0.5) * 0.01f, 0.001f, 0.999f)).ToArray();

        var decision = new PromotionRule().Decide(labels, new ScoredPredictions(champion, 0.5), new ScoredPredictions(challenger, 0.5));

        Assert.False(decision.Promote, decision.Sentence);
        Assert.True(decision.Lower <= 0 && decision.Upper >= 0, decision.Sentence);
        Assert.Matches(@"^stays staging: PR AUC [+−]0\.\d{4}, 95 % interval \[[+−]0\.\d{4}, [+−]0\.\d{4}\] does not clear the margin 0\.0000\.$", decision.Sentence);
    }

    [Theory]
    [InlineData("f1")]
    [InlineData("rocAuc")]
    [InlineData("prAuc")]
    [InlineData("logLoss")]
    [InlineData("accuracy")]
    public void TheObservedValues_AreTheHeldOutMetricsEvaluateReports(string metric)
    {
        var (labels, champion) = HeldOut();
        var challenger = Scores(labels, noise: 0.3, seed: 5);

        var decision = new PromotionRule(PromotionSettings.Default with { PrimaryMetric = metric, Resamples = 100 })
            .Decide(labels, new ScoredPredictions(champion, 0.5), new ScoredPredictions(challenger, 0.45));

        Assert.Equal(BinaryMetrics.Compute(champion, labels, 0.5).ByName[metric], decision.Champion, 12);
        Assert.Equal(BinaryMetrics.Compute(challenger, labels, 0.45).ByName[metric], decision.Challenger, 12);
        // Improvement points the same way for every metric: lower log-loss is better.
        Assert.Equal(metric == "logLoss" ? decision.Champion - decision.Challenger : decision.Challenger - decision.Champion, decision.Difference, 12);
    }

    [Fact]
    public void ModelsTrainedOnDataOfDifferentSources_AreSaidToBe()
    {
        var (labels, champion) = HeldOut();

        var decision = new PromotionRule().Decide(labels, new ScoredPredictions(champion, 0.5, "data/ai4i2020.csv"), new ScoredPredictions(champion, 0.5, "recent.csv"));

        Assert.True(decision.DifferentDataSources);
        Assert.EndsWith("; champion and challenger were trained on data of different sources (champion: data/ai4i2020.csv; challenger: recent.csv), so these rows may favour the one trained on data like them.", decision.Sentence);
    }

    [Fact]
    public void TheDecision_IsReproducibleForASeed()
    {
        var (labels, champion) = HeldOut();
        var challenger = Scores(labels, noise: 0.4, seed: 9);
        var rule = new PromotionRule();

        Assert.Equal(rule.Decide(labels, new(champion, 0.5), new(challenger, 0.5)), rule.Decide(labels, new(champion, 0.5), new(challenger, 0.5)));
    }

    [Fact]
    public void PredictionsOfOtherRows_AndBadSettings_AreRefused()
    {
        var (labels, champion) = HeldOut();
        Assert.Contains("same held-out rows", Assert.Throws<ArgumentException>(() => new PromotionRule().Decide(labels, new(champion, 0.5), new(champion[1..], 0.5))).Message);
        Assert.Contains("\"auc\" is not a metric", Assert.Throws<ArgumentException>(() => new PromotionRule(PromotionSettings.Default with { PrimaryMetric = "auc" })).Message);
        Assert.Throws<ArgumentException>(() => new PromotionRule(PromotionSettings.Default with { Margin = -0.1 }));
    }
}
