namespace Pipeline.Engine.Tests;

public sealed class SummaryTests : EngineTest
{
    private sealed class MixedBuild : NukeBuild
    {
        Target Fast => _ => _.Executes(() => { });
        Target Slow => _ => _.DependsOn(Fast).Executes(() => Thread.Sleep(120));
        Target Skipped => _ => _.OnlyWhenStatic(() => false).Executes(() => { });
        Target Broken => _ => _.DependsOn(Slow).Executes(() => throw new InvalidOperationException("broken on purpose."));
        Target Later => _ => _.DependsOn(Broken).Executes(() => { });
    }

    private static string Row(string output, string target) =>
        output.Split('\n').Single(line => line.StartsWith(target + " ", StringComparison.Ordinal));

    [Fact]
    public async Task Summary_ListsEveryScheduledTargetWithStatusDurationAndTotal()
    {
        var run = await Engine.Run<MixedBuild>(Root, "Later", "Skipped");

        Assert.Matches(@"^Fast\s+Succeeded\s+\d+:\d\d\.\d{3}$", Row(run.Output, "Fast"));
        Assert.Matches(@"^Slow\s+Succeeded\s+\d+:\d\d\.\d{3}$", Row(run.Output, "Slow"));
        Assert.Matches(@"^Broken\s+Failed\s+\d+:\d\d\.\d{3}\s+broken on purpose\.", Row(run.Output, "Broken"));
        Assert.Matches(@"^Later\s+NotRun\s+its dependency 'Broken' failed", Row(run.Output, "Later"));
        Assert.Matches(@"^Skipped\s+Skipped\s+condition 'False' is false", Row(run.Output, "Skipped"));
        Assert.Matches(@"^Total\s+\d+:\d\d\.\d{3}$", Row(run.Output, "Total"));
        Assert.Contains("Build failed: Broken.", run.Output);
        var slow = run.Result.Targets.Single(t => t.Name == "Slow").Duration;
        Assert.True(slow >= TimeSpan.FromMilliseconds(110), $"Slow took {slow}");
        Assert.Contains(SummaryWriter.Format(slow), Row(run.Output, "Slow"));
    }

    [Fact]
    public async Task Header_IsPrintedForEachTargetThatRuns()
    {
        var run = await Engine.Run<MixedBuild>(Root, "Slow");

        Assert.Contains("=== Fast ===", run.Output);
        Assert.Contains("=== Slow ===", run.Output);
        Assert.True(run.Output.IndexOf("=== Fast", StringComparison.Ordinal) < run.Output.IndexOf("=== Slow", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExitCode_IsZeroOnlyWhenEveryExecutedTargetSucceeded()
    {
        var success = await Engine.Run<MixedBuild>(Root, "Slow", "Skipped");
        var failure = await Engine.Run<MixedBuild>(Root, "Broken");

        Assert.Equal(ExitCode.Success, success.ExitCode);
        Assert.Contains("Build succeeded.", success.Output);
        Assert.Equal(ExitCode.TargetFailed, failure.ExitCode);
    }

    [Fact]
    public async Task QuietVerbosity_StillPrintsTheSummaryButNotHeaders()
    {
        var run = await Engine.Run<MixedBuild>(Root, "Slow", "--verbosity", "quiet");

        Assert.DoesNotContain("=== Slow ===", run.Output);
        Assert.Matches(@"Slow\s+Succeeded", run.Output);
    }

    [Fact]
    public async Task BadVerbosity_FailsListingTheLevels()
    {
        var run = await Engine.Run<MixedBuild>(Root, "Slow", "--verbosity", "loud");

        Assert.Equal(ExitCode.InvalidInvocation, run.ExitCode);
        Assert.Contains("Option --verbosity got 'loud', but expects quiet, minimal, normal or verbose.", run.Output);
    }
}
