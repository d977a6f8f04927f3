using Pipeline.Engine;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Runs;
using Pipeline.Modeling.Steps;

/// <summary>Register (once per training run), Promote, Rollback, and the run history.</summary>
interface IRegister : IEvaluate
{
    [Parameter("Registry version for Promote and Lineage, e.g. --model-version 3")]
    int? ModelVersion => TryGetValue(() => ModelVersion);

    [Parameter("Stage for Promote: production (default), staging or archived")]
    ModelStage Stage => TryGetValue(() => Stage, ModelStage.Production);

    [Parameter("Run ids (or unique prefixes) for CompareRuns, e.g. --run-ids 20261126-0412 20261126-0420")]
    string[] RunIds => TryGetValue(() => RunIds) ?? [];

    Target Register => _ => _
        .Description("Register the evaluated model once per model (same bytes, data and configuration: the existing version); production only when the promotion rule promoted it over production (or there is none), else staging")
        .DependsOn<IEvaluate>(x => x.Evaluate)
        .Inputs(() => RegisterStep.Inputs(Workspace).Select(AbsolutePath.Create))
        .Outputs(() => RegisterStep.Outputs(Workspace).Select(AbsolutePath.Create))
        .Executes(() =>
        {
            new RegisterStep(Workspace, StepLogs.Build, [new Pipeline.Monitoring.LiveDriftReference(Workspace.DriftSettingsPath), new Pipeline.Monitoring.DriftReferenceAttachment(Workspace.DriftSettingsPath)]).Run(Selection.Load());
            Pipeline.Monitoring.ReportIndex.Write(RootDirectory);
            // With a shared registry, the training data goes beside the model, so another machine can --reproduce it.
            new Reproduction(Workspace, StepLogs.Build).PushTrainingData(Selection.Load(), Selection.DataPath);
        });

    Target Promote => _ => _
        .Description("Give a registered version a stage: --model-version N [--stage production|staging|archived]")
        .Requires(() => ModelVersion, because: "it is the registered version to give a stage, e.g. --model-version 3 (./build.sh Models lists the versions)")
        .Executes(() => { new PromotionStep(Workspace, StepLogs.Build).Promote(ModelVersion!.Value, Stage); });

    Target Rollback => _ => _
        .Description("Put the previous production version back into production")
        .Executes(() => { new PromotionStep(Workspace, StepLogs.Build).Rollback(); });

    Target Runs => _ => _
        .Description("List the recorded training runs")
        .ReadOnly()
        .Executes(() => Log.Information(RunTable.List(new RunHistory(Workspace.RunsDirectory).List())));

    Target CompareRuns => _ => _
        .Description("Compare training runs side by side: --run-ids A B [C…]")
        .ReadOnly()
        .Requires(() => RunIds.Length >= 2, because: "a comparison needs at least two runs; give their ids (or unique prefixes) as --run-ids A B [C…], and ./build.sh Runs lists them")
        .Executes(() => Log.Information(RunTable.Compare(RunIds.Select(new RunHistory(Workspace.RunsDirectory).Find).ToList())));
}
