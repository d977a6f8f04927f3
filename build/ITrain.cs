using Pipeline.Engine;
using Pipeline.Modeling.Steps;

/// <summary>Train: hyperparameter search, cause models and threshold; incremental on the data, training.json and code.</summary>
interface ITrain : IValidateData
{
    Target Train => _ => _
        .Description("Train the model: hyperparameter search by stratified k-fold CV, threshold by max out-of-fold F1; records the run")
        .DependsOn<IValidateData>(x => x.ValidateData)
        .Inputs(() => DataInputFiles().Concat(TrainStep.Inputs(Workspace).Select(AbsolutePath.Create)))
        .InputValues(() => Selection.InputValues())
        .Outputs(() => TrainStep.Outputs(Workspace).Select(AbsolutePath.Create))
        .Executes(() =>
        {
            new TrainStep(Workspace, StepLogs.Build, [new Pipeline.Monitoring.DriftReferenceAttachment(Workspace.DriftSettingsPath)]).Run(Selection.Load());
            if (Reproduce) new Reproduction(Workspace, StepLogs.Build).RequireReproduced(ModelVersion!.Value);
        });
}
