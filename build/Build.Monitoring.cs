using Pipeline.Data.Loading;
using Pipeline.Engine;
using Pipeline.Modeling.Configuration;
using Pipeline.Monitoring;

/// <summary>The scheduled job: CheckDrift → Retrain (only on drift: train, evaluate, champion vs challenger, register).</summary>
partial class Build
{
    [Parameter("CheckDrift: the current data, the scoring service's inference log (a folder of inference-*.jsonl files, or one) or a CSV in the dataset's format")]
    readonly AbsolutePath? Current;

    [Parameter("CheckDrift: fail the build when drift is found (default: report it, and Retrain acts on it)")]
    readonly bool FailOnDrift;

    [Parameter("Retrain: labelled recent data to retrain on, a CSV in the dataset's format (default: --current when it is a CSV)")]
    readonly AbsolutePath? RetrainData;

    bool DriftWasDetected;

    Target CheckDrift => _ => _
        .Description("Compare --current (inference log or CSV) with the training split, per feature (PSI; KS / chi-square) and by the production model's scores; artifacts/drift/report.html")
        .Requires(() => Current)
        .Executes(() =>
        {
            var check = new DriftCheck(RootDirectory, Spec.Name, Log.Information, Log.Warning);
            check.DiscardPreviousReport();
            var result = check.Run(LoadDataset(), DriftCheck.OpenCurrent(Spec, Current!));
            DriftWasDetected = result.DriftDetected;
            if (DriftWasDetected && FailOnDrift)
                throw new InvalidOperationException($"Drift detected in {string.Join(", ", result.Drifted.Select(f => f.Column))} (--fail-on-drift); see {check.ReportHtmlPath}.");
        });

    Target Retrain => _ => _
        .Description("When CheckDrift found drift: train on --retrain-data (else --current when a CSV), evaluate (floors; champion vs challenger on that data), register; production if it wins")
        .DependsOn(CheckDrift)
        .OnlyWhenDynamic(() => DriftWasDetected)
        .Executes(() =>
        {
            var path = RetrainDataSource.Resolve(Spec, Current, RetrainData);
            var data = DatasetLoader.Load(Spec, RootDirectory, path);
            ModelOps.Train(data);
            // New data has no verified snapshot yet: the floors still apply, and champion vs challenger on this data decides promotion.
            ModelOps.Evaluate(data, isEmbeddedDefault: false, onMissingSnapshot: MissingSnapshotPolicy.Warn);
            ModelOps.Register(data);
        });
}
