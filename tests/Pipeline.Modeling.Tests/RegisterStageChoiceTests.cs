using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Promotion;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Steps;

namespace Pipeline.Modeling.Tests;

/// <summary>
/// The stage Register gives a new version, from Evaluate's promotion-rule verdict (on constructed predictions) and
/// the stages at the moment of registration: production only when there is none, or when the rule promoted the model
/// over the version that is still production; ties and noise stay staging, and the reason shows the interval.
/// </summary>
public class RegisterStageChoiceTests
{
    // 400 held-out rows, 40 positives; the champion ranks the positives in the middle of the scores.
    static readonly bool[] Labels = Enumerable.Range(0, 400).Select(i => i % 10 == 0).ToArray();
    static readonly float[] Champion = Labels.Select((positive, i) => positive ? 0.4f + i % 7 * 0.05f : (i * 37 % 100) / 100f).ToArray();

    static EvaluationRecord EvaluatedAgainst(int championVersion, float[] challenger)
    {
        var decision = new PromotionRule(PromotionSettings.Default).Decide(Labels, new ScoredPredictions(Champion, 0.5, "simulator"), new ScoredPredictions(challenger, 0.5, "simulator"));
        var metrics = BinaryMetrics.Compute(Champion, Labels, 0.5);
        return EvaluationRecord.Of(new EvaluationResult("ai4i2020", "hash", "LightGbm", metrics, null, [], new ChampionComparison(championVersion, metrics, BinaryMetrics.Compute(challenger, Labels, 0.5), decision), challenger, Labels),
            "run", Labels.Length, "sha", gatePassed: true);
    }

    [Fact]
    public void ATie_StaysStaging_AndTheReasonShowsTheInterval()
    {
        var choice = RegisterStep.ChooseStage(new StageAssignments { Production = 1 }, EvaluatedAgainst(1, Champion));

        Assert.Equal(ModelStage.Staging, choice.Stage);
        Assert.Contains("it did not clear the promotion rule against production v1: stays staging: PR AUC +0.0000, 95 % interval [+0.0000, +0.0000] does not clear the margin 0.0000", choice.Reason);
    }

    [Fact]
    public void AClearWin_IsPromoted_WithTheRulesSentence()
    {
        var perfect = Labels.Select(positive => positive ? 0.95f : 0.05f).ToArray();

        var choice = RegisterStep.ChooseStage(new StageAssignments { Production = 1 }, EvaluatedAgainst(1, perfect));

        Assert.Equal(ModelStage.Production, choice.Stage);
        Assert.StartsWith("against production v1, promoted: PR AUC +", choice.Reason);
        Assert.Contains("95 % interval [+", choice.Reason);
    }

    [Fact]
    public void AWinOverAVersionThatIsNoLongerProduction_StaysStaging()
    {
        var perfect = Labels.Select(positive => positive ? 0.95f : 0.05f).ToArray();

        var choice = RegisterStep.ChooseStage(new StageAssignments { Production = 3 }, EvaluatedAgainst(1, perfect));

        Assert.Equal(ModelStage.Staging, choice.Stage);
        Assert.Equal("Evaluate compared it with v1, but production is now v3; run the Evaluate target again to compare them", choice.Reason);
    }

    [Fact]
    public void WithoutProduction_TheVersionBecomesProduction_AndWithoutAComparison_Staging()
    {
        var uncompared = EvaluationRecord.Of(new EvaluationResult("ai4i2020", "hash", "LightGbm", BinaryMetrics.Compute(Champion, Labels, 0.5), null, [], null, Champion, Labels),
            "run", Labels.Length, "sha", gatePassed: true);

        Assert.Equal(ModelStage.Production, RegisterStep.ChooseStage(new StageAssignments(), uncompared).Stage);
        var staged = RegisterStep.ChooseStage(new StageAssignments { Production = 2 }, uncompared);
        Assert.Equal(ModelStage.Staging, staged.Stage);
        Assert.Equal("Evaluate did not compare it with production v2; run the Evaluate target again to compare them", staged.Reason);
    }

    [Fact]
    public void TheDecision_RoundTripsThroughMetricsJson()
    {
        using var root = new TemporaryDirectory();
        var record = EvaluatedAgainst(4, Champion);
        var result = new EvaluationResult("ai4i2020", "hash", "LightGbm", BinaryMetrics.Compute(Champion, Labels, 0.5), null, [],
            new ChampionComparison(4, BinaryMetrics.Compute(Champion, Labels, 0.5), BinaryMetrics.Compute(Champion, Labels, 0.5),
                new PromotionRule().Decide(Labels, new ScoredPredictions(Champion, 0.5, "simulator"), new ScoredPredictions(Champion, 0.5, "data/other.csv"))), Champion, Labels);
        EvaluationRecord.Of(result, "run", Labels.Length, "sha", gatePassed: true).Write(root["metrics.json"], result);

        var read = EvaluationRecord.Read(root["metrics.json"]).Promotion!;

        Assert.Equal((4, "prAuc", false, true), (read.ChampionVersion, read.Metric, read.Promote, read.DifferentDataSources));
        Assert.Equal((0.0, 0.0, 0.0), (read.Difference, read.Lower!.Value, read.Upper!.Value));
        Assert.Contains("champion and challenger were trained on data of different sources", read.Sentence);
        Assert.Equal(record.Promotion!.Sentence.TrimEnd('.'), read.Sentence.Split(';')[0]);
    }
}
