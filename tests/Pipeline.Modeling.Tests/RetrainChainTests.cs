using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Steps;

namespace Pipeline.Modeling.Tests;

/// <summary>Retrain on drift: Train → Evaluate (a missing snapshot only warns; floors apply) → Register, in one call.</summary>
public class RetrainChainTests
{
    [Fact]
    public void NewDataWithoutASnapshot_IsTrainedEvaluatedAndRegistered_WithAWarning()
    {
        using var root = new TemporaryDirectory();
        SimulatedData.WriteConfiguration(root.Path, SimulatedData.FastConfiguration);
        var warnings = new List<string>();
        var workspace = new Workspace(root.Path, "ai4i2020");

        var metadata = new RetrainChain(workspace, new StepLog(_ => { }, warnings.Add)).Run(SimulatedData.Load());

        Assert.Equal(1, metadata.Version);
        Assert.Equal(1, new ModelRegistry(workspace.RegistryDirectory).Stages.Production);
        Assert.Contains(warnings, w => w.Contains("The gate passed on the absolute floors only (onMissingSnapshot = warn)."));
        Assert.Equal(metadata.Lineage.RunId, Pipeline.Modeling.Training.TrainingSummary.Read(workspace.TrainingSummaryPath).Lineage.RunId);
    }

    [Fact]
    public void AFloorFailure_StopsTheChainBeforeRegistering()
    {
        using var root = new TemporaryDirectory();
        SimulatedData.WriteConfiguration(root.Path, SimulatedData.FastConfiguration.Replace("\"crossValidationFolds\": 3,",
            "\"crossValidationFolds\": 3, \"gate\": { \"floors\": { \"f1\": 0.9999 } },"));
        var workspace = new Workspace(root.Path, "ai4i2020");

        var error = Assert.Throws<ModelingException>(() => new RetrainChain(workspace, StepLog.None).Run(SimulatedData.Load()));

        Assert.Contains("is past its floor", error.Message);
        Assert.Empty(new ModelRegistry(workspace.RegistryDirectory).Versions);
    }

    [Fact]
    public void ARetrain_LeavesNoSnapshotForAcceptMetrics_AndIsRecordedOnTheChampionWithTheVersionItRegistered()
    {
        using var root = new TemporaryDirectory();
        SimulatedData.WriteConfiguration(root.Path, SimulatedData.FastConfiguration);
        var workspace = new Workspace(root.Path, "ai4i2020");
        var champion = new RetrainChain(workspace, StepLog.None).Run(SimulatedData.Load()).Version;

        var retrained = new RetrainChain(workspace, StepLog.None).Run(SimulatedData.Load(seed: 7), "drift in Torque [Nm]").Version;

        Assert.Empty(Directory.GetFiles(workspace.ModelsDirectory, "*.received.json"));
        Assert.NotEmpty(Directory.GetFiles(workspace.EvaluationDirectory, "*.received.json"));
        var triggered = Assert.Single(new ModelRegistry(workspace.RegistryDirectory).Events.ReadAll(), e => e.Event is RetrainTriggered).Event;
        Assert.Equal((champion, retrained, "drift in Torque [Nm]"), (triggered.Version!.Value, ((RetrainTriggered)triggered).RetrainedVersion!.Value, triggered.Reason));
    }
}
