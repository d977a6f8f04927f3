namespace Pipeline.Engine.Tests;

public sealed class FailureTests : EngineTest
{
    private sealed class FailingBuild : RecordingBuild
    {
        Target Restore => _ => _.Executes(Record(nameof(Restore)));
        Target Compile => _ => _.DependsOn(Restore).Executes(() => throw new InvalidOperationException("data/x.csv row 7: column 'Torque' is not a number."));
        Target Test => _ => _.DependsOn(Compile).Executes(Record(nameof(Test)));
        Target Lint => _ => _.After(Compile).Executes(Record(nameof(Lint)));
        Target Collect => _ => _.After(Compile, Lint).AssuredAfterFailure().Executes(Record(nameof(Collect)));
        Target Flaky => _ => _.ProceedAfterFailure().Executes(() => throw new IOException("the network share is offline."));
        Target AfterFlaky => _ => _.DependsOn(Flaky).Executes(Record(nameof(AfterFlaky)));
        Target Independent => _ => _.After(Flaky).Executes(Record(nameof(Independent)));
        Target FailsAsync => _ => _.Executes(async () => { await Task.Yield(); throw new InvalidOperationException("async failure."); });
    }

    [Fact]
    public async Task FailingTarget_IsFailed_DependentsNotRun_ExitCodeOne()
    {
        var run = await Engine.Run<FailingBuild>(Root, "Test");

        Assert.Equal(ExitCode.TargetFailed, run.ExitCode);
        Assert.Equal(ExecutionStatus.Succeeded, run.StatusOf("Restore"));
        Assert.Equal(ExecutionStatus.Failed, run.StatusOf("Compile"));
        Assert.Equal(ExecutionStatus.NotRun, run.StatusOf("Test"));
        Assert.Equal(new[] { "Restore" }, run.Build.Ran);
    }

    [Fact]
    public async Task FailureMessage_IsPrintedWithoutStackTrace()
    {
        var run = await Engine.Run<FailingBuild>(Root, "Compile");

        Assert.Contains("error: Target 'Compile' failed: data/x.csv row 7: column 'Torque' is not a number.", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
        Assert.DoesNotContain("InvalidOperationException", run.Output);
    }

    [Fact]
    public async Task VerboseVerbosity_AlsoPrintsTheStackTrace()
    {
        var run = await Engine.Run<FailingBuild>(Root, "Compile", "--verbosity", "verbose");

        Assert.Contains("System.InvalidOperationException: data/x.csv row 7", run.Output);
        Assert.Contains("   at ", run.Output);
    }

    [Fact]
    public async Task AsyncTargetFailure_IsReportedLikeASynchronousOne()
    {
        var run = await Engine.Run<FailingBuild>(Root, "FailsAsync");

        Assert.Equal(ExitCode.TargetFailed, run.ExitCode);
        Assert.Contains("error: Target 'FailsAsync' failed: async failure.", run.Output);
    }

    [Fact]
    public async Task AfterAFailure_LaterTargetsAreNotRun()
    {
        var run = await Engine.Run<FailingBuild>(Root, "Compile", "Lint");

        Assert.Equal(ExecutionStatus.NotRun, run.StatusOf("Lint"));
        Assert.Equal(ExitCode.TargetFailed, run.ExitCode);
    }

    [Fact]
    public async Task AssuredAfterFailure_RunsEvenAfterAFailure()
    {
        var run = await Engine.Run<FailingBuild>(Root, "Compile", "Lint", "Collect");

        Assert.Equal(new[] { "Restore", "Compile", "Lint", "Collect" }, run.Order);
        Assert.Equal(ExecutionStatus.NotRun, run.StatusOf("Lint"));
        Assert.Equal(ExecutionStatus.Succeeded, run.StatusOf("Collect"));
        Assert.Equal(ExitCode.TargetFailed, run.ExitCode);
    }

    [Fact]
    public async Task ProceedAfterFailure_LetsOtherTargetsRunButNotItsDependents()
    {
        var run = await Engine.Run<FailingBuild>(Root, "Flaky", "Independent", "AfterFlaky");

        Assert.Equal(ExecutionStatus.Failed, run.StatusOf("Flaky"));
        Assert.Equal(ExecutionStatus.Succeeded, run.StatusOf("Independent"));
        Assert.Equal(ExecutionStatus.NotRun, run.StatusOf("AfterFlaky"));
        Assert.Equal(ExitCode.TargetFailed, run.ExitCode);
        Assert.Contains("its dependency 'Flaky' failed", run.Output);
    }
}
