using Pipeline.Engine;
using Pipeline.Modeling.Steps;
using Pipeline.Monitoring;

/// <summary>CheckDrift: current data (inference log or CSV) against the training split and the production model's scores; DriftHistory: the checks recorded per version.</summary>
interface ICheckDrift : IHazDataset
{
    [Parameter("CheckDrift: the current data, the scoring service's inference log (a folder of inference-*.jsonl files, or one) or a CSV in the dataset's format")]
    AbsolutePath? Current => TryGetValue(() => Current);

    [Parameter("CheckDrift: fail the build when drift is found (default: report it, and Retrain acts on it)")]
    bool FailOnDrift => TryGetValue(() => FailOnDrift);

    [Parameter("CheckDrift: also check the current data window by window, " + WindowSpec.Forms + "; time windows need an inference log's timestamps")]
    string? Window => TryGetValue(() => Window);

    Target CheckDrift => _ => _
        .Description("Compare --current (inference log or CSV) with the training split, per feature (PSI; KS / chi-square) and by the production model's scores, optionally per --window; artifacts/<dataset>/drift/report.html")
        .Requires(() => Current, because: "it is the data to compare with the training split: the scoring service's inference log (a folder of inference-*.jsonl files, or one) or a CSV in the dataset's format")
        .Executes(() =>
        {
            var window = Window is null ? null : WindowSpec.Parse(Window);
            var check = new DriftCheck(RootDirectory, Spec.Name, Log.Information, Log.Warning);
            check.DiscardPreviousReport();
            // The production version's stored reference when it was computed from this data; else the data is read.
            var result = check.Run(Selection, Current!, window);
            State.Drift = result;
            new LifecycleFacts(Workspace, StepLogs.Build).DriftChecked(result.DriftDetected, result.Drifted.Select(f => f.Column).ToList(),
                $"{result.CurrentDescription} ({result.CurrentRows} rows)", check.ReportJsonPath,
                result.EstimatedPerformance is { } estimate ? DriftWindow.Summary(estimate) : null,
                window?.Text, result.Windows?.Select(w => w.ToSummary()).ToList());
            Pipeline.Monitoring.ReportIndex.Write(RootDirectory);
            if (result.DriftDetected && FailOnDrift)
                throw new InvalidOperationException($"Drift detected in {string.Join(", ", result.Drifted.Select(f => f.Column))} (--fail-on-drift); see {check.ReportHtmlPath}.");
        });

    Target DriftHistory => _ => _
        .Description("Print the last drift checks recorded on each registry version (verdict, drifted features, estimated F1, the windows' trend)")
        .ReadOnly()
        .Executes(() =>
        {
            var histories = Pipeline.Modeling.Registry.DriftHistory.All(Workspace.OpenRegistry());
            Log.Information(histories.Count == 0
                ? "No drift check is recorded in the registry: CheckDrift records one on the production version it scored."
                : string.Join(Environment.NewLine, histories.Select(h => h.ToText())));
        });
}
