namespace Pipeline.Engine.Tests;

public sealed class SkipTests : EngineTest
{
    private sealed class PipelineBuild : RecordingBuild
    {
        Target Validate => _ => _.Executes(Record(nameof(Validate)));
        Target Train => _ => _.DependsOn(Validate).Executes(Record(nameof(Train)));
        Target Evaluate => _ => _.DependsOn(Train).Executes(Record(nameof(Evaluate)));
    }

    [Fact]
    public async Task Skip_WithNames_SkipsOnlyThoseTargets()
    {
        var run = await Engine.Run<PipelineBuild>(Root, "Evaluate", "--skip", "Train");

        Assert.Equal(ExitCode.Success, run.ExitCode);
        Assert.Equal(new[] { "Validate", "Evaluate" }, run.Build.Ran);
        Assert.Equal(ExecutionStatus.Skipped, run.StatusOf("Train"));
    }

    [Fact]
    public async Task Skip_WithoutNames_SkipsEveryTargetNotInvokedDirectly()
    {
        var run = await Engine.Run<PipelineBuild>(Root, "Evaluate", "--skip");

        Assert.Equal(new[] { "Evaluate" }, run.Build.Ran);
        Assert.Equal(ExecutionStatus.Skipped, run.StatusOf("Validate"));
        Assert.Equal(ExecutionStatus.Skipped, run.StatusOf("Train"));
    }

    [Fact]
    public async Task Skip_GivenTwice_SkipsBoth_AndRunsNeither()
    {
        var run = await Engine.Run<PipelineBuild>(Root, "Evaluate", "--skip", "Validate", "--skip", "Train");

        Assert.Equal(new[] { "Evaluate" }, run.Build.Ran);
        Assert.Equal(ExecutionStatus.Skipped, run.StatusOf("Validate"));
        Assert.Equal(ExecutionStatus.Skipped, run.StatusOf("Train"));
    }

    [Fact]
    public async Task Skip_UnknownName_FailsWithDidYouMean()
    {
        var run = await Engine.Run<PipelineBuild>(Root, "Evaluate", "--skip", "Trian");

        Assert.Equal(ExitCode.InvalidInvocation, run.ExitCode);
        Assert.Contains("Unknown target in --skip 'Trian'. Did you mean 'Train'?", run.Output);
        Assert.Empty(run.Build.Ran);
    }
}
