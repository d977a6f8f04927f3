namespace Pipeline.Engine.Tests;

public sealed class PlanningTests : EngineTest
{
    private sealed class DiamondBuild : RecordingBuild
    {
        Target Restore => _ => _.Executes(Record(nameof(Restore)));
        Target Compile => _ => _.DependsOn(Restore).Executes(Record(nameof(Compile)));
        public Target Lint => _ => _.DependsOn(Restore).Executes(Record(nameof(Lint)));
        Target Test => _ => _.DependsOn(Compile, Lint).Executes(Record(nameof(Test)));
        Target Pack => _ => _.DependsOn(Test, Restore).Executes(Record(nameof(Pack)));
    }

    [Fact]
    public async Task DependsOn_RunsDependenciesFirstAndEachTargetOnce()
    {
        var run = await Engine.Run<DiamondBuild>(Root, "Pack");

        Assert.Equal(ExitCode.Success, run.ExitCode);
        Assert.Equal(new[] { "Restore", "Compile", "Lint", "Test", "Pack" }, run.Build.Ran);
        Assert.Equal(run.Build.Ran, run.Order);
    }

    [Fact]
    public async Task InvokingTwoTargets_SharingADependency_RunsItOnce()
    {
        var run = await Engine.Run<DiamondBuild>(Root, "Compile", "Lint");

        Assert.Equal(new[] { "Restore", "Compile", "Lint" }, run.Build.Ran);
    }

    [Fact]
    public async Task TargetOption_AndPositionalNames_AreBothInvoked()
    {
        var run = await Engine.Run<DiamondBuild>(Root, "Lint", "--target", "Compile");

        Assert.Equal(new[] { "Restore", "Lint", "Compile" }, run.Build.Ran);
    }

    [Fact]
    public async Task TargetOption_WithoutNames_FailsInsteadOfRunningTheDefault()
    {
        var run = await Engine.Run<DiamondBuild>(Root, new Dictionary<string, string>(), CancellationToken.None, x => x.Lint, "--target");

        Assert.Equal(ExitCode.InvalidInvocation, run.ExitCode);
        Assert.Contains("Option --target expects target names", run.Output);
        Assert.Empty(run.Result.Targets);
    }

    [Fact]
    public async Task TargetOption_GivenTwice_InvokesBoth()
    {
        var run = await Engine.Run<DiamondBuild>(Root, "--target", "Compile", "--target", "Lint");

        Assert.Equal(new[] { "Restore", "Compile", "Lint" }, run.Build.Ran);
    }

    [Fact]
    public async Task TargetNames_MatchIgnoringCase()
    {
        var run = await Engine.Run<DiamondBuild>(Root, "compile");

        Assert.Equal(new[] { "Restore", "Compile" }, run.Build.Ran);
    }

    [Fact]
    public async Task UnknownTarget_FailsWithDidYouMean()
    {
        var run = await Engine.Run<DiamondBuild>(Root, "Compiel");

        Assert.Equal(ExitCode.InvalidInvocation, run.ExitCode);
        Assert.Contains("Unknown target 'Compiel'. Did you mean 'Compile'?", run.Output);
        Assert.Empty(run.Build.Ran);
    }

    private sealed class OrderingBuild : RecordingBuild
    {
        Target Clean => _ => _.Before(Restore).Executes(Record(nameof(Clean)));
        Target Restore => _ => _.Executes(Record(nameof(Restore)));
        Target Publish => _ => _.After(Restore).Executes(Record(nameof(Publish)));
        Target Report => _ => _.DependentFor(Publish).Executes(Record(nameof(Report)));
    }

    [Fact]
    public async Task After_OrdersButDoesNotSchedule()
    {
        var alone = await Engine.Run<OrderingBuild>(Root, "Publish");
        var both = await Engine.Run<OrderingBuild>(Root, "Publish", "Restore");

        Assert.Equal(new[] { "Report", "Publish" }, alone.Build.Ran);
        Assert.Equal(new[] { "Report", "Restore", "Publish" }, both.Build.Ran);
    }

    [Fact]
    public async Task Before_OrdersButDoesNotSchedule()
    {
        var alone = await Engine.Run<OrderingBuild>(Root, "Restore");
        var both = await Engine.Run<OrderingBuild>(Root, "Restore", "Clean");

        Assert.Equal(new[] { "Restore" }, alone.Build.Ran);
        Assert.Equal(new[] { "Clean", "Restore" }, both.Build.Ran);
    }

    [Fact]
    public async Task DependentFor_MakesTheOtherTargetDependOnThisOne()
    {
        var run = await Engine.Run<OrderingBuild>(Root, "Publish");

        Assert.Equal(new[] { "Report", "Publish" }, run.Build.Ran);
    }

    private sealed class TriggerBuild : RecordingBuild
    {
        Target CheckDrift => _ => _.Triggers(Retrain).Executes(Record(nameof(CheckDrift)));
        Target Prepare => _ => _.Executes(Record(nameof(Prepare)));
        Target Retrain => _ => _.DependsOn(Prepare).Executes(Record(nameof(Retrain)));
        Target Notify => _ => _.TriggeredBy(Retrain).Executes(Record(nameof(Notify)));
    }

    [Fact]
    public async Task Triggers_SchedulesTheTriggeredTargetAfterTheTrigger()
    {
        var run = await Engine.Run<TriggerBuild>(Root, "CheckDrift");

        Assert.Equal(new[] { "CheckDrift", "Prepare", "Retrain", "Notify" }, run.Build.Ran);
    }

    [Fact]
    public async Task TriggeredBy_IsTheReverseOfTriggers()
    {
        var run = await Engine.Run<TriggerBuild>(Root, "Retrain");

        Assert.Equal(new[] { "Prepare", "Retrain", "Notify" }, run.Build.Ran);
    }

    private sealed class CycleBuild : RecordingBuild
    {
        Target Alpha => _ => _.DependsOn(Gamma).Executes(Record(nameof(Alpha)));
        Target Beta => _ => _.DependsOn(Alpha).Executes(Record(nameof(Beta)));
        Target Gamma => _ => _.After(Beta).Executes(Record(nameof(Gamma)));
        Target Unrelated => _ => _.Executes(Record(nameof(Unrelated)));
    }

    [Fact]
    public async Task Cycle_IsReportedWithItsFullPath()
    {
        var run = await Engine.Run<CycleBuild>(Root, "Unrelated");

        Assert.Equal(ExitCode.InvalidInvocation, run.ExitCode);
        Assert.Contains("The targets form a cycle: Alpha -> Gamma -> Beta -> Alpha", run.Output);
        Assert.Empty(run.Build.Ran);
    }

    private sealed class SelfCycleBuild : RecordingBuild
    {
        Target Loop => _ => _.DependsOn(Loop).Executes(Record(nameof(Loop)));
    }

    [Fact]
    public async Task TargetDependingOnItself_IsACycle()
    {
        var run = await Engine.Run<SelfCycleBuild>(Root, "Loop");

        Assert.Equal(ExitCode.InvalidInvocation, run.ExitCode);
        Assert.Contains("The targets form a cycle: Loop -> Loop", run.Output);
    }

    [Fact]
    public async Task NoTargetAndNoDefault_FailsWithASentence()
    {
        var run = await Engine.Run<DiamondBuild>(Root);

        Assert.Equal(ExitCode.InvalidInvocation, run.ExitCode);
        Assert.Contains("No target was named and the build has no default target", run.Output);
    }

    [Fact]
    public async Task DefaultTarget_RunsWhenNoneIsNamed()
    {
        var run = await Engine.Run<DiamondBuild>(Root, new Dictionary<string, string>(), CancellationToken.None, x => x.Lint);

        Assert.Equal(new[] { "Restore", "Lint" }, run.Build.Ran);
    }
}
