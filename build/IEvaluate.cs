using Pipeline.Engine;
using Pipeline.Modeling.Steps;

/// <summary>Evaluate (metric gate, champion vs challenger) and AcceptMetrics.</summary>
interface IEvaluate : ITrain
{
    Target Evaluate => _ => _
        .Description("Evaluate on the held-out split, score the production champion, write metrics.json + report.html, apply the metric gate")
        .DependsOn<ITrain>(x => x.Train)
        // Only a passing run is recorded, so UpToDate means "passed on exactly these inputs" (see EvaluateStep.Inputs).
        .Inputs(() => EvaluateStep.Inputs(Workspace, Selection.InputFiles()).Select(AbsolutePath.Create))
        .InputValues(() => Selection.InputValues())
        .Outputs(() => EvaluateStep.Outputs(Workspace).Select(AbsolutePath.Create))
        .Executes(() =>
        {
            // The index shows a failed gate too, so it is rebuilt whether or not the step throws.
            try { new EvaluateStep(Workspace, StepLogs.Build).Run(Selection.Load(), Selection.IsEmbeddedDefault); }
            finally { Pipeline.Monitoring.ReportIndex.Write(RootDirectory); }
        });

    Target AcceptMetrics => _ => _
        .Description("Accept the last evaluation: copy models/<dataset>/*metrics.received.json over the verified snapshots")
        .Executes(() => { new AcceptMetricsStep(Workspace, StepLogs.Build).Run(); });
}
