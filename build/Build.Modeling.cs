using Pipeline.Engine;
using Pipeline.Modeling;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Runs;
using Pipeline.Modeling.Workflow;

/// <summary>ModelOps targets: Train → Evaluate (metric gate, champion vs challenger) → Register; Promote, Rollback, runs.</summary>
partial class Build
{
    [Parameter("Registry version for Promote, e.g. --model-version 3")] readonly int? ModelVersion;
    [Parameter("Stage for Promote: production (default), staging or archived")] readonly string Stage = "production";
    [Parameter("Run ids (or unique prefixes) for CompareRuns, e.g. --run-ids 20261126-0412 20261126-0420")] readonly string[] RunIds = [];

    ModelOps ModelOps => new(RootDirectory, Spec.Name, Log.Information, Log.Warning);

    Target Train => _ => _
        .Description("Train the model: hyperparameter search by stratified k-fold CV, threshold by max out-of-fold F1; records the run")
        .DependsOn(ValidateData)
        .Executes(() => { ModelOps.Train(LoadDataset()); });

    Target Evaluate => _ => _
        .Description("Evaluate on the held-out split, score the production champion, write metrics.json + report.html, apply the metric gate")
        .DependsOn(Train)
        .Executes(() => { ModelOps.Evaluate(LoadDataset(), isEmbeddedDefault: Data is null); });

    Target AcceptMetrics => _ => _
        .Description("Accept the last evaluation: copy models/<dataset>/*metrics.received.json over the verified snapshots")
        .Executes(() => { ModelOps.AcceptMetrics(); });

    Target Register => _ => _
        .Description("Register the evaluated model as a new registry version (production if it beats the champion, else staging)")
        .DependsOn(Evaluate)
        .Executes(() => { ModelOps.Register(LoadDataset()); });

    Target Promote => _ => _
        .Description("Give a registered version a stage: --model-version N [--stage production|staging|archived]")
        .Requires(() => ModelVersion)
        .Executes(() => { ModelOps.Promote(ModelVersion!.Value, ParseStage(Stage)); });

    Target Rollback => _ => _
        .Description("Put the previous production version back into production")
        .Executes(() => { ModelOps.Rollback(); });

    Target Runs => _ => _
        .Description("List the recorded training runs")
        .Executes(() => Log.Information(RunTable.List(ModelOps.Runs.List())));

    Target CompareRuns => _ => _
        .Description("Compare training runs side by side: --run-ids A B [C…]")
        .Requires(() => RunIds.Length >= 2)
        .Executes(() => Log.Information(RunTable.Compare(RunIds.Select(ModelOps.Runs.Find).ToList())));

    static ModelStage ParseStage(string stage) =>
        Enum.TryParse<ModelStage>(stage, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new ModelingException($"--stage '{stage}' is not a stage; allowed values: production, staging, archived.");
}
