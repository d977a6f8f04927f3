using Pipeline.Engine;

/// <summary>
/// The lifecycle build. Each concern adds its targets in its own partial file (Build.&lt;Concern&gt;.cs);
/// this file owns the entry point and the default target.
/// </summary>
partial class Build : NukeBuild
{
    public static int Main() => Execute<Build>(x => x.Register);

    Target Plan => _ => _
        .Description("Print every target in execution order with its relations, and write artifacts/plan.mmd (Mermaid)")
        .Executes(() => { WritePlan(); });
}
