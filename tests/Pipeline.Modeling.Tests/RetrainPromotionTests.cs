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
}
