using Pipeline.Engine;
using Pipeline.Modeling.Steps;

/// <summary>ModelCard: a registered version's card rendered again with its current stage and drift status; the report index.</summary>
interface IModelCard : IHazDataset
{
    Target ModelCard => _ => _
        .Description("Render a registered version's model card again with its current stage and drift checks (--model-version N, default production) into artifacts/<dataset>/model-card/; the card stored with the version is immutable")
        .Executes(() =>
        {
            new ModelCardStep(Workspace, StepLogs.Build).Run(ModelVersion);
            Log.Information($"Report index: {Pipeline.Monitoring.ReportIndex.Write(RootDirectory)}");
        });

    Target ReportIndex => _ => _
        .Description("Rebuild artifacts/index.html: every dataset's latest validation, evaluation, drift and model-card pages with dates and verdicts")
        .ReadOnly()
        .Executes(() => Log.Information($"Report index: {Pipeline.Monitoring.ReportIndex.Write(RootDirectory)}"));
}
