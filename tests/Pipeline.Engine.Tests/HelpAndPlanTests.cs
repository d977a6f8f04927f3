namespace Pipeline.Engine.Tests;

public sealed class HelpAndPlanTests : EngineTest
{
    private sealed class LifecycleBuild : RecordingBuild
    {
        [Parameter("Dataset spec name")] readonly string Dataset = "ai4i2020";
        [Parameter("Number of trees")] readonly int Trees = 100;

        public Target Validate => _ => _.Description("Validate the data").Executes(Record(nameof(Validate)));
        Target Train => _ => _.Description("Train the model").DependsOn(Validate).Executes(Record(nameof(Train)));
        Target Evaluate => _ => _.Description("Evaluate the model").DependsOn(Train).Triggers(Report).Executes(Record(nameof(Evaluate)));
        Target Report => _ => _.After(Train).Executes(Record(nameof(Report)));
        Target end => _ => _.Unlisted().DependsOn(Evaluate).Executes(Record(nameof(end)));
    }

    [Fact]
    public async Task Help_ListsTargetsWithDescriptionsAndDependencies_AndHidesUnlisted()
    {
        var run = await Engine.Run<LifecycleBuild>(Root, new Dictionary<string, string>(), CancellationToken.None, x => x.Validate, "--help");

        Assert.Equal(ExitCode.Success, run.ExitCode);
        Assert.Matches(@"Validate \(default\)\s+Validate the data", run.Output);
        Assert.Matches(@"Train\s+Train the model\s+\[depends on: Validate\]", run.Output);
        Assert.DoesNotContain("  end", run.Output);
        Assert.Empty(run.Build.Ran);
    }

    [Fact]
    public async Task Help_ListsParametersWithTypeDescriptionValueAndSource()
    {
        Root.Write(".nuke/parameters.json", """{ "Trees": 250 }""");

        var run = await Engine.Run<LifecycleBuild>(Root, new Dictionary<string, string> { ["DATASET"] = "cmapss" }, "--help");

        Assert.Matches(@"--dataset\s+string\s+Dataset spec name", run.Output);
        Assert.Contains("= cmapss   (from the environment variable DATASET)", run.Output);
        Assert.Matches(@"--trees\s+int\s+Number of trees", run.Output);
        Assert.Contains("= 250   (from .nuke/parameters.json)", run.Output);
        Assert.Contains("--skip [names]", run.Output);
        Assert.Contains("Exit codes:", run.Output);
    }

    private sealed class TwoWordParameterBuild : RecordingBuild
    {
        [Parameter("Dataset spec name")] readonly string Dataset = "ai4i2020";
        [Parameter("Rows to simulate")] readonly int SimulateRows = 10;

        public Target Validate => _ => _.Executes(Record(nameof(Validate)));
    }

    [Fact]
    public async Task Help_ShowsTheParameterSpellingsOnAParameterTheBuildHas()
    {
        var run = await Engine.Run<TwoWordParameterBuild>(Root, "--help");

        Assert.Contains("(--simulate-rows x or --SimulateRows x;", run.Output);
        Assert.Contains("(SIMULATE_ROWS, SimulateRows)", run.Output);
        Assert.DoesNotContain("data-path", run.Output);
    }

    [Fact]
    public async Task Plan_PrintsTheOrderAndGraph_WritesMermaid_AndRunsNothing()
    {
        var run = await Engine.Run<LifecycleBuild>(Root, "Evaluate", "--plan");

        Assert.Equal(ExitCode.Success, run.ExitCode);
        Assert.Empty(run.Build.Ran);
        Assert.Contains("Execution plan for Evaluate:", run.Output);
        Assert.Matches(@"1\. Validate\s+2\. Train\s+3\. Evaluate\s+4\. Report", run.Output);
        Assert.Matches(@"Evaluate\s+depends on Train; triggers Report", run.Output);
        Assert.Matches(@"Report\s+runs after Train", run.Output);

        var mermaid = File.ReadAllText(Path.Combine(Root.Path, "artifacts", "plan.mmd"));
        Assert.StartsWith("flowchart LR\n", mermaid);
        Assert.Contains("t0[\"Validate\"]", mermaid);
        Assert.Contains("t0 --> t1", mermaid);            // Train depends on Validate
        Assert.Contains("t2 ==>|triggers| t3", mermaid);  // Evaluate triggers Report
        Assert.Contains("t1 -.-> t3", mermaid);           // Report runs after Train
        Assert.Contains("class t0,t1,t2,t3 planned", mermaid);
        Assert.Contains("t4[\"end\"]", mermaid);          // a reserved Mermaid word is only a label
    }

    private sealed class PlanTargetBuild : NukeBuild
    {
        Target Show => _ => _.Executes(() => { WritePlan(); });
        Target Other => _ => _.DependsOn(Show).Executes(() => { });
    }

    [Fact]
    public async Task WritePlan_InsideATarget_PrintsTheWholeGraph()
    {
        var run = await Engine.Run<PlanTargetBuild>(Root, "Show");

        Assert.Contains("Execution order of all targets:", run.Output);
        Assert.Matches(@"1\. Show\s+2\. Other", run.Output);
        Assert.True(Root.Exists("artifacts/plan.mmd"));
    }
}
