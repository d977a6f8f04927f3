using System.Globalization;
using Pipeline.Data.Loading;
using Pipeline.Engine;
using Pipeline.Monitoring;
using Pipeline.Modeling.Steps;

/// <summary>
/// Retrain: only when CheckDrift found drift and the retrain cooldown is over, train by the retrain policy of
/// training.json on the reference and labelled recent data, compare with production on held-out recent rows, register.
/// </summary>
interface IRetrain : ICheckDrift
{
    [Parameter("Retrain: labelled recent data to retrain on, a CSV in the dataset's format (default: --current when it is a CSV)")]
    AbsolutePath? RetrainData => TryGetValue(() => RetrainData);

    /// <summary>Whether this run's CheckDrift found drift.</summary>
    bool DriftWasDetected => State.Drift is { DriftDetected: true };

    /// <summary>
    /// Whether the retrain cooldown (training.json's <c>retrain.cooldown</c>, read from the registry's event log) is
    /// over. Evaluated once, when drift was found: a run it holds back is recorded in the event log (what
    /// <c>cooldown.runs</c> counts) and is Retrain's outcome in this run.
    /// </summary>
    bool CooldownIsOver
    {
        get
        {
            if (State.Retrain is { Skipped: true }) return false;
            var chain = new RetrainChain(Workspace, StepLogs.Build);
            var verdict = chain.Cooldown();
            if (!verdict.Holds) return true;
            State.Retrain = chain.Defer(verdict);
            NukeBuild.Host.SetOutput("promoted", "false");
            return false;
        }
    }

    Target Retrain => _ => _
        .Description("When CheckDrift found drift and the cooldown is over: train by training.json's retrain policy (recent, reference+recent or sliding) on --retrain-data (else --current when a CSV), compare with production on held-out recent rows (the promotion rule), register; production if it wins")
        .DependsOn<ICheckDrift>(x => x.CheckDrift)
        .OnlyWhenDynamic(() => DriftWasDetected, () => State.Drift is null ? "CheckDrift did not run in this build" : $"no drift found in {Current}")
        .OnlyWhenDynamic(() => CooldownIsOver, () => State.Retrain!.Sentence)
        .Executes(() =>
        {
            var drift = State.Drift!;
            var drifted = drift.Drifted.Select(f => f.Column).ToList();
            var trigger = new RetrainTrigger($"drift in {string.Join(", ", drifted)} of {drift.CurrentDescription}", drifted, EstimateInWords(drift.EstimatedPerformance));
            using var reference = DataSource.Open(Spec, RootDirectory, DataFile);
            var outcome = new RetrainChain(Workspace, StepLogs.Build, [new LiveDriftReference(Workspace.DriftSettingsPath), new DriftReferenceAttachment(Workspace.DriftSettingsPath)]).Run(Spec, reference, RetrainDataSource.Resolve(Spec, Current, RetrainData), trigger);
            State.Retrain = outcome;
            // The scheduled workflow's redeploy job runs only when the retrained model became production.
            NukeBuild.Host.SetOutput("promoted", outcome.Promoted ? "true" : "false");
        });

    /// <summary>The drift check's estimate of the champion's performance on the current data, as the new version's lineage records it.</summary>
    static string? EstimateInWords(PerformanceEstimate? estimate) => estimate is null ? null : string.Create(CultureInfo.InvariantCulture,
        $"v{estimate.ModelVersion} on {estimate.Rows} current rows: estimated F1 {estimate.F1.Estimate:F3} [{estimate.F1.Low:F3}, {estimate.F1.High:F3}], " +
        $"precision {estimate.Precision.Estimate:F3}, recall {estimate.Recall.Estimate:F3}, accuracy {estimate.Accuracy.Estimate:F4}");
}
