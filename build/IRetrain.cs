using Pipeline.Data.Loading;
using Pipeline.Engine;
using Pipeline.Monitoring;
using Pipeline.Modeling.Steps;

/// <summary>Retrain: only when CheckDrift found drift, train, evaluate and register on labelled recent data.</summary>
interface IRetrain : ICheckDrift
{
    [Parameter("Retrain: labelled recent data to retrain on, a CSV in the dataset's format (default: --current when it is a CSV)")]
    AbsolutePath? RetrainData => TryGetValue(() => RetrainData);

    /// <summary>Whether this run's CheckDrift found drift.</summary>
    bool DriftWasDetected => State.Drift is { DriftDetected: true };

    Target Retrain => _ => _
        .Description("When CheckDrift found drift: train on --retrain-data (else --current when a CSV), evaluate (floors; champion vs challenger on that data), register; production if it wins")
        .DependsOn<ICheckDrift>(x => x.CheckDrift)
        .OnlyWhenDynamic(() => DriftWasDetected, () => State.Drift is null ? "CheckDrift did not run in this build" : $"no drift found in {Current}")
        .Executes(() =>
        {
            var data = DatasetLoader.Load(Spec, RootDirectory, RetrainDataSource.Resolve(Spec, Current, RetrainData));
            var retrained = new RetrainChain(Workspace, StepLogs.Build, [new LiveDriftReference(Workspace.DriftSettingsPath)]).Run(data,
                $"drift in {string.Join(", ", State.Drift!.Drifted.Select(f => f.Column))} of {State.Drift.CurrentDescription}");
            // The scheduled workflow's redeploy job runs only when the retrained model became production.
            using var registry = Workspace.OpenRegistry();
            NukeBuild.Host.SetOutput("promoted", registry.Stages.Production == retrained.Version ? "true" : "false");
        });
}
