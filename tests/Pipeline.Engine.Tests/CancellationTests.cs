namespace Pipeline.Engine.Tests;

public sealed class CancellationTests : EngineTest
{
    private sealed class LongBuild : RecordingBuild
    {
        public readonly TaskCompletionSource Started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public volatile bool TokenWasCancelled;

        Target Prepare => _ => _.Executes(Record(nameof(Prepare)));

        Target Train => _ => _.DependsOn(Prepare).Executes(async cancellationToken =>
        {
            Started.SetResult();
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(5), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                TokenWasCancelled = true;
                throw;
            }
        });

        Target Stubborn => _ => _.Executes(() =>
        {
            Started.SetResult();
            Thread.Sleep(TimeSpan.FromSeconds(20)); // ignores cancellation
        });

        Target Evaluate => _ => _.DependsOn(Train).AssuredAfterFailure().Executes(Record(nameof(Evaluate)));
        Target Report => _ => _.After(Stubborn).Executes(Record(nameof(Report)));
    }

    private static async Task<EngineRun<LongBuild>> RunAndCancel(TestRoot root, params string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        LongBuild? build = null;
        var running = Task.Run(async () =>
        {
            var output = new StringWriter();
            var invocation = new BuildInvocation(args) { WorkingDirectory = root.Path, EnvironmentVariables = new Dictionary<string, string>(), Output = output, CancellationToken = cancellation.Token };
            var result = await BuildEngine.RunAsync(invocation, () => build = new LongBuild());
            return new EngineRun<LongBuild>(result, output.ToString(), build!);
        });
        while (build is null) await Task.Delay(5);
        await build.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        cancellation.Cancel();
        return await running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Cancelling_CancelsTheRunningTargetsToken_AndPrintsTheSummary()
    {
        var run = await RunAndCancel(Root, "Evaluate");

        Assert.True(run.Build.TokenWasCancelled);
        Assert.Equal(ExitCode.Cancelled, run.ExitCode);
        Assert.Equal(ExecutionStatus.Succeeded, run.StatusOf("Prepare"));
        Assert.Equal(ExecutionStatus.Failed, run.StatusOf("Train"));
        Assert.Equal(ExecutionStatus.NotRun, run.StatusOf("Evaluate"));
        Assert.Contains("Train was cancelled.", run.Output);
        Assert.Matches(@"Evaluate\s+NotRun\s+the build was cancelled", run.Output);
        Assert.Contains("Build cancelled.", run.Output);
        Assert.Equal(new[] { "Prepare" }, run.Build.Ran);
    }

    [Fact]
    public async Task Cancelling_EndsTheWaitEvenWhenTheTargetIgnoresItsToken()
    {
        var started = DateTime.UtcNow;

        var run = await RunAndCancel(Root, "Stubborn", "Report");

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        Assert.Equal(ExitCode.Cancelled, run.ExitCode);
        Assert.Equal(ExecutionStatus.Failed, run.StatusOf("Stubborn"));
        Assert.Equal(ExecutionStatus.NotRun, run.StatusOf("Report"));
        Assert.Empty(run.Build.Ran);
    }
}
