using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Provenance;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Steps;
using Pipeline.Modeling.Training;

namespace Pipeline.Modeling.Tests;

/// <summary>
/// What the build hashes to decide that Train, Evaluate and Register are up to date: each step names its inputs and
/// outputs in the workspace, and Evaluate's champion is the version whose change must re-run the gate.
/// </summary>
public class StepInputsAndOutputsTests
{
    static Workspace TrainedRun(TemporaryDirectory root, string runId)
    {
        var workspace = new Workspace(root.Path, "ai4i2020");
        Directory.CreateDirectory(workspace.TrainingDirectory);
        new TrainingSummary { Lineage = new Lineage { RunId = runId, Dataset = "ai4i2020" } }.Write(workspace.TrainingSummaryPath);
        return workspace;
    }

    static int RegisterVersion(Workspace workspace, TemporaryDirectory root, string runId)
    {
        var model = root[$"model-{Guid.NewGuid():N}.zip"];
        File.WriteAllText(model, runId);
        return new ModelRegistry(workspace.RegistryDirectory).Register(new ModelRegistration(model,
            new ModelMetadata { Lineage = new Lineage { RunId = runId, Dataset = "ai4i2020" } }, new Dictionary<string, string>())).Version;
    }

    static void WriteEvaluation(Workspace workspace, int? championVersion)
    {
        Directory.CreateDirectory(workspace.EvaluationDirectory);
        var champion = championVersion is { } v ? $", \"champion\": {{ \"version\": {v}, \"challengerWins\": true }}" : ", \"champion\": null";
        File.WriteAllText(workspace.MetricsPath, $"{{ \"runId\": \"r\", \"gatePassed\": true, \"f1\": 0.9{champion} }}");
    }

    [Fact]
    public void Train_ReadsTheConfigurationAndTheModelingCode_AndWritesModelSummaryAndSplit()
    {
        var workspace = new Workspace("/repo", "ai4i2020");

        Assert.Equal([workspace.ModelPath, workspace.TrainingSummaryPath, workspace.SplitPath], TrainStep.Outputs(workspace));
        var inputs = TrainStep.Inputs(workspace).ToList();
        Assert.Equal(workspace.ConfigurationPath, inputs[0]);
        Assert.Contains(typeof(TrainStep).Assembly.Location, inputs);
        Assert.Contains(typeof(Pipeline.Data.Specs.DatasetSpec).Assembly.Location, inputs);
        Assert.Contains(inputs, p => Path.GetFileName(p).StartsWith("Microsoft.ML", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_HashesTrainOutputsDataConfigurationSnapshotsChampionAndCode_InThatOrder()
    {
        using var root = new TemporaryDirectory();
        var workspace = new Workspace(root.Path, "ai4i2020");
        Directory.CreateDirectory(workspace.ModelsDirectory);
        File.WriteAllText(Path.Combine(workspace.ModelsDirectory, "metrics.verified.json"), "{}");

        var inputs = EvaluateStep.Inputs(workspace, ["spec.json"]).ToList();

        Assert.Equal([.. TrainStep.Outputs(workspace), "spec.json", workspace.ConfigurationPath, Path.Combine(workspace.ModelsDirectory, "metrics.verified.json")], inputs.Take(6));
        Assert.Equal(TrainStep.CodeFiles(), inputs.Skip(6));
        Assert.Equal([workspace.MetricsPath, workspace.ReportPath], EvaluateStep.Outputs(workspace));
    }

    [Fact]
    public void VerifiedSnapshots_AreEveryVerifiedFileOfTheDatasetInOrdinalOrder_AndNoneWithoutTheFolder()
    {
        using var root = new TemporaryDirectory();
        var workspace = new Workspace(root.Path, "ai4i2020");
        Assert.Empty(EvaluateStep.VerifiedSnapshots(workspace));

        Directory.CreateDirectory(workspace.ModelsDirectory);
        foreach (var name in new[] { "metrics.verified.json", "0123456789ab.metrics.verified.json", "metrics.received.json", "training.json" })
            File.WriteAllText(Path.Combine(workspace.ModelsDirectory, name), "{}");

        Assert.Equal(["0123456789ab.metrics.verified.json", "metrics.verified.json"], EvaluateStep.VerifiedSnapshots(workspace).Select(Path.GetFileName));
    }

    [Fact]
    public void Champion_IsNoneWithoutProduction_AndTheProductionVersionWhenItIsNotTheTrainedRun()
    {
        using var root = new TemporaryDirectory();
        var workspace = TrainedRun(root, "new-run");
        Assert.Empty(EvaluateStep.Champion(workspace));

        var older = RegisterVersion(workspace, root, "old-run");
        var registry = new ModelRegistry(workspace.RegistryDirectory);
        registry.Promote(older, ModelStage.Production);

        Assert.Equal([registry.VersionDirectory(older)], EvaluateStep.Champion(workspace));
    }

    [Fact]
    public void Champion_WhileProductionIsTheTrainedRunItself_IsTheVersionItWasComparedWith()
    {
        using var root = new TemporaryDirectory();
        var workspace = TrainedRun(root, "new-run");
        var registry = new ModelRegistry(workspace.RegistryDirectory);
        var older = RegisterVersion(workspace, root, "old-run");
        var trained = RegisterVersion(workspace, root, "new-run");
        registry.Promote(trained, ModelStage.Production);

        WriteEvaluation(workspace, championVersion: older);
        Assert.Equal([registry.VersionDirectory(older)], EvaluateStep.Champion(workspace));

        // Compared with nothing (no production then): registering it must not make the next run evaluate again.
        WriteEvaluation(workspace, championVersion: null);
        Assert.Empty(EvaluateStep.Champion(workspace));
    }

    [Fact]
    public void ChampionOfLastEvaluation_IsTheRecordedVersion_AndNullWhenMetricsAreMissingOrDamaged()
    {
        using var root = new TemporaryDirectory();
        var workspace = new Workspace(root.Path, "ai4i2020");
        Assert.Null(EvaluateStep.ChampionOfLastEvaluation(workspace));

        WriteEvaluation(workspace, championVersion: 3);
        Assert.Equal(3, EvaluateStep.ChampionOfLastEvaluation(workspace));

        File.WriteAllText(workspace.MetricsPath, "{ not json");
        Assert.Null(EvaluateStep.ChampionOfLastEvaluation(workspace));
    }

    [Fact]
    public void Register_IsUpToDateExactlyWhileTheRegistryHoldsAVersionOfTheTrainedRun()
    {
        using var root = new TemporaryDirectory();
        var workspace = new Workspace(root.Path, "ai4i2020");
        Assert.Null(RegisterStep.RegisteredVersionOfTrainedRun(workspace));

        TrainedRun(root, "new-run");
        RegisterVersion(workspace, root, "old-run");
        Assert.Empty(RegisterStep.Outputs(workspace));

        var version = RegisterVersion(workspace, root, "new-run");
        var directory = new ModelRegistry(workspace.RegistryDirectory).VersionDirectory(version);
        Assert.Equal(directory, RegisterStep.RegisteredVersionOfTrainedRun(workspace));
        Assert.Equal([directory], RegisterStep.Outputs(workspace));
        Assert.Equal([workspace.TrainingSummaryPath, workspace.ModelPath], RegisterStep.Inputs(workspace));
    }
}
