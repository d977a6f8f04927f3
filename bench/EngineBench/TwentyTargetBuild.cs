using Pipeline.Engine;

/// <summary>
/// 20 targets that do nothing, wired like a real lifecycle (a chain with fan-out, After and Triggers), and
/// parameters from every source, so that a run costs only planning, injection, execution bookkeeping and summary.
/// </summary>
sealed class TwentyTargetBuild : NukeBuild
{
    public enum Trainer { FastTree, LightGbm }

    [Parameter("Dataset")] readonly string Dataset = "ai4i2020";
    [Parameter("Data file")] readonly AbsolutePath? Data;
    [Parameter("Seed")] readonly int Seed = 42;
    [Parameter("Gate tolerance")] readonly double Tolerance = 0.01;
    [Parameter("Trainer")] readonly Trainer Algorithm = Trainer.FastTree;
    [Parameter("Columns")] readonly string[] Columns = Array.Empty<string>();
    [Parameter("Registry token"), Secret] readonly string? Token;

    Target Restore => _ => _.Description("t1").Executes(() => { });
    Target Generate => _ => _.DependsOn(Restore).Executes(() => { });
    Target ValidateSpec => _ => _.DependsOn(Restore).Executes(() => { });
    Target ValidateData => _ => _.DependsOn(Generate, ValidateSpec).Executes(() => { });
    Target Profile => _ => _.DependsOn(ValidateData).Executes(() => { });
    Target Split => _ => _.DependsOn(ValidateData).Executes(() => { });
    Target Featurize => _ => _.DependsOn(Split).Executes(() => { });
    Target Train => _ => _.DependsOn(Featurize).Executes(() => { });
    Target TrainBaseline => _ => _.DependsOn(Featurize).Executes(() => { });
    Target Evaluate => _ => _.DependsOn(Train, TrainBaseline).Executes(() => { });
    Target Explain => _ => _.DependsOn(Train).After(Evaluate).Executes(() => { });
    Target Report => _ => _.DependsOn(Evaluate, Explain, Profile).Executes(() => { });
    Target Gate => _ => _.DependsOn(Evaluate).Executes(() => { });
    Target Register => _ => _.DependsOn(Gate).Executes(() => { });
    Target Lineage => _ => _.TriggeredBy(Register).Executes(() => { });
    Target Package => _ => _.DependsOn(Register).Executes(() => { });
    Target Containerize => _ => _.DependsOn(Package).Executes(() => { });
    Target Smoke => _ => _.DependsOn(Containerize).Executes(() => { });
    Target Deploy => _ => _.DependsOn(Smoke, Report).Triggers(Notify).Executes(() => { });
    Target Notify => _ => _.Executes(() => { });
}
