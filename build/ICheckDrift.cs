using Pipeline.Engine;
using Pipeline.Modeling.Steps;
using Pipeline.Monitoring;

/// <summary>CheckDrift: current data (inference log or CSV) against the training split and the production model's scores.</summary>
interface ICheckDrift : IHazDataset
{
    [Parameter("CheckDrift: the current data, the scoring service's inference log (a folder of inference-*.jsonl files, or one) or a CSV in the dataset's format")]
    AbsolutePath? Current => TryGetValue(() => Current);

    [Parameter("CheckDrift: fail the build when drift is found (default: report it, and Retrain acts on it)")]
    bool FailOnDrift => TryGetValue(() => FailOnDrift);

    Target CheckDrift => _ => _
        .Description("Compare --current (inference log or CSV) with the training split, per feature (PSI; KS / chi-square) and by the production model's scores; artifacts/<dataset>/drift/report.html")
        .Requires(() => Current)
        .Executes(() =>
        {
            var check = new DriftCheck(RootDirectory, Spec.Name, Log.Information, Log.Warning);
            check.DiscardPreviousReport();
            var result = check.Run(Selection.Load(DriftCheck.MonitoredColumns(Spec)), DriftCheck.OpenCurrent(Spec, Current!));
            State.Drift = result;
            new LifecycleFacts(Workspace, StepLogs.Build).DriftChecked(result.DriftDetected, result.Drifted.Select(f => f.Column).ToList(),
                $"{result.CurrentDescription} ({result.CurrentRows} rows)", check.ReportJsonPath);
            if (result.DriftDetected && FailOnDrift)
                throw new InvalidOperationException($"Drift detected in {string.Join(", ", result.Drifted.Select(f => f.Column))} (--fail-on-drift); see {check.ReportHtmlPath}.");
        });
}
