using Pipeline.Data.Loading;
using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Runs;
using Pipeline.Modeling.Steps;
using Pipeline.Modeling.Training;

namespace Pipeline.Modeling.Tests;

/// <summary>
/// The modeling steps over one test workspace, called the way the build's targets call them (each step a new
/// object reading what the previous one wrote), so that a test reads as the lifecycle it exercises.
/// </summary>
public sealed class LifecycleSteps(string rootDirectory, string dataset, Action<string>? info = null, Action<string>? warn = null)
{
    readonly StepLog log = new(info ?? (_ => { }), warn ?? (_ => { }));

    /// <summary>The workspace the steps read and write.</summary>
    public Workspace Paths { get; } = new(rootDirectory, dataset);

    /// <summary>The dataset's registry.</summary>
    public ModelRegistry Registry => new(Paths.RegistryDirectory);

    /// <summary>The run history.</summary>
    public RunHistory Runs => new(Paths.RunsDirectory);

    /// <summary>Train.</summary>
    public TrainingSummary Train(Dataset data) => new TrainStep(Paths, log).Run(data);

    /// <summary>Evaluate.</summary>
    public EvaluationResult Evaluate(Dataset data, bool isEmbeddedDefault, MissingSnapshotPolicy? onMissingSnapshot = null) =>
        new EvaluateStep(Paths, log).Run(data, isEmbeddedDefault, onMissingSnapshot);

    /// <summary>AcceptMetrics.</summary>
    public IReadOnlyList<string> AcceptMetrics() => new AcceptMetricsStep(Paths, log).Run();

    /// <summary>Register.</summary>
    public ModelMetadata Register(Dataset data) => new RegisterStep(Paths, log).Run(data);

    /// <summary>Promote.</summary>
    public StageAssignments Promote(int version, ModelStage stage) => new PromotionStep(Paths, log).Promote(version, stage);

    /// <summary>Rollback.</summary>
    public int Rollback() => new PromotionStep(Paths, log).Rollback();
}
