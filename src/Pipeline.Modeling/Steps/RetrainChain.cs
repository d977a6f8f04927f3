using Pipeline.Data.Loading;
using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Registry;

namespace Pipeline.Modeling.Steps;

/// <summary>
/// Retrain on drift: Train, Evaluate and Register on labelled recent data in one go. New data has no verified
/// snapshot yet, so the gate's floors still apply, and the promotion rule (champion vs challenger on this data's
/// held-out rows, as for any registration) decides promotion. The retrain is recorded on the champion it started
/// from (a <see cref="RetrainTriggered"/> event naming the version it registered).
/// <paramref name="attachments"/> go into the new version as Register's do.
/// </summary>
public sealed class RetrainChain(Workspace workspace, StepLog log, IReadOnlyList<IVersionAttachment>? attachments = null)
{
    /// <summary>Trains on <paramref name="data"/>, evaluates it (a missing snapshot only warns; no snapshot is left for AcceptMetrics) and registers it.</summary>
    /// <param name="data">The labelled recent data.</param>
    /// <param name="reason">Why the retrain ran (e.g. the drift verdict), recorded in the event.</param>
    /// <exception cref="ModelingException">Training, a floor of the gate, or registration failed; nothing after the failing step ran.</exception>
    public ModelMetadata Run(Dataset data, string reason = "")
    {
        var registry = workspace.OpenRegistry();
        var champion = registry.Stages.Production;
        new TrainStep(workspace, log).Run(data);
        new EvaluateStep(workspace, log).Run(data, isEmbeddedDefault: false, onMissingSnapshot: MissingSnapshotPolicy.Warn, receivedSnapshotForAcceptMetrics: false);
        var result = new RegisterStep(workspace, log, attachments).Register(data);
        if (champion is { } from)
        {
            registry.Record(new RetrainTriggered(result.Version) { Version = from, Reason = reason });
            log.Info($"Recorded on v{from}: its retrain registered v{result.Version}.");
        }
        return result.Metadata;
    }
}
