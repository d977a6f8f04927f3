using Pipeline.Data.Loading;
using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Registry;

namespace Pipeline.Modeling.Steps;

/// <summary>
/// Retrain on drift: Train, Evaluate and Register on labelled recent data in one go. New data has no verified
/// snapshot yet, so the gate's floors still apply and champion vs challenger on this data decides promotion.
/// </summary>
public sealed class RetrainChain(Workspace workspace, StepLog log)
{
    /// <summary>Trains on <paramref name="data"/>, evaluates it (a missing snapshot only warns) and registers it.</summary>
    /// <exception cref="ModelingException">Training, a floor of the gate, or registration failed; nothing after the failing step ran.</exception>
    public ModelMetadata Run(Dataset data)
    {
        new TrainStep(workspace, log).Run(data);
        new EvaluateStep(workspace, log).Run(data, isEmbeddedDefault: false, onMissingSnapshot: MissingSnapshotPolicy.Warn);
        return new RegisterStep(workspace, log).Run(data);
    }
}
