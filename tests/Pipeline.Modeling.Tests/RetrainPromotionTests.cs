using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Steps;

namespace Pipeline.Modeling.Tests;

/// <summary>
/// Retrain never promotes a challenger that is worse than the production model on either F1 or ROC AUC: the
/// comparison rule itself, and the real chain (Train → Evaluate → Register) on the simulator's data with a
/// deliberately weak challenger.
/// </summary>
public class RetrainPromotionTests
{
    // One tree of two leaves: far worse than the champion, but past floors of zero so that it is registered.
    const string WeakConfiguration = """
        { "trainer": "LightGbm", "crossValidationFolds": 3,
          "parameters": { "numberOfLeaves": 2, "minimumExampleCountPerLeaf": 200, "numberOfIterations": 1, "learningRate": 0.01 },
          "gate": { "floors": { "accuracy": 0, "f1": 0, "rocAuc": 0 } } }
        """;

    [Fact]
    public void AWorseChallenger_IsRegisteredAsStaging_AndProductionStaysTheChampion()
    {
        using var root = new TemporaryDirectory();
        var workspace = new Workspace(root.Path, "ai4i2020");
        var data = SimulatedData.Load();
        SimulatedData.WriteConfiguration(root.Path, SimulatedData.FastConfiguration);
        var champion = new RetrainChain(workspace, StepLog.None).Run(data);
        SimulatedData.WriteConfiguration(root.Path, WeakConfiguration);

        var challenger = new RetrainChain(workspace, StepLog.None).Run(data);

        var verdict = EvaluationRecord.Read(workspace.MetricsPath).Champion!;
        Assert.Equal(champion.Version, verdict.Version);
        Assert.False(verdict.ChallengerWins);
        Assert.True(challenger.Metrics["f1"] < verdict.ChampionMetrics!["f1"] || challenger.Metrics["rocAuc"] < verdict.ChampionMetrics["rocAuc"],
            $"The weak challenger was expected to be worse on F1 or ROC AUC: challenger {challenger.Metrics["f1"]}/{challenger.Metrics["rocAuc"]}, champion {verdict.ChampionMetrics["f1"]}/{verdict.ChampionMetrics["rocAuc"]}.");
        var stages = new ModelRegistry(workspace.RegistryDirectory).Stages;
        Assert.Equal(champion.Version, stages.Production);
        Assert.Equal(challenger.Version, stages.Staging);
    }

    [Theory]
    [InlineData(-0.01, 0.0, false)]   // worse on F1 only
    [InlineData(0.0, -0.01, false)]   // worse on ROC AUC only
    [InlineData(0.05, -0.001, false)] // much better on F1 does not buy a worse ROC AUC
    [InlineData(0.0, 0.0, true)]      // as good on both
    [InlineData(0.01, 0.01, true)]    // better on both
    public void TheChallengerWinsOnlyWhenItIsAtLeastAsGoodOnF1AndOnRocAuc(double f1Difference, double rocAucDifference, bool wins)
    {
        var champion = BinaryMetrics.Compute([0.9f, 0.8f, 0.2f, 0.1f, 0.6f, 0.3f], [true, true, false, false, false, true], 0.5);
        var challenger = champion with { F1 = champion.F1 + f1Difference, RocAuc = champion.RocAuc + rocAucDifference };

        Assert.Equal(wins, new ChampionComparison(1, champion, challenger).ChallengerWins);
    }
}
