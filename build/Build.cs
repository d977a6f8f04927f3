using Pipeline.Engine;

/// <summary>
/// The lifecycle build: each component (one file, an interface with default target members) adds the targets of
/// one step and names what it needs; this class lists the lifecycle and owns the entry point and default target.
/// </summary>
class Build : NukeBuild, INewDataset, IValidateData, ITrain, IEvaluate, IRegister, IContainerize, IDeploy, ICheckDrift, IRetrain
{
    public static int Main() => Execute<Build>(x => ((IRegister)x).Register);

    /// <summary>The typed values targets hand to each other during this run.</summary>
    public BuildState State { get; } = new();

    Target Plan => _ => _
        .Description("Print every target in execution order with its relations, and write artifacts/plan.mmd (Mermaid)")
        .ReadOnly()
        .Executes(() => { WritePlan(); });
}
