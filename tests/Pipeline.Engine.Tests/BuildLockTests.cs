namespace Pipeline.Engine.Tests;

/// <summary>
/// One writing build per checkout: a second engine run on the same root waits for the first (saying whom it waits
/// for), or with --no-wait fails at once; builds of read-only targets, --help and --plan never wait.
/// </summary>
public sealed class BuildLockTests : EngineTest
{
    private sealed class HoldingBuild : NukeBuild
    {
        // Shared by both runs of a test (the engine creates a build instance per run).
        public static TaskCompletionSource Entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public static TaskCompletionSource Release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public static int Running;
        public static int MostAtOnce;

        Target Hold => _ => _.Executes(async () =>
        {
            var now = Interlocked.Increment(ref Running);
            InterlockedMax(ref MostAtOnce, now);
            Entered.TrySetResult();
            await Release.Task;
            Interlocked.Decrement(ref Running);
        });

        Target Write => _ => _.Executes(() =>
        {
            var now = Interlocked.Increment(ref Running);
            InterlockedMax(ref MostAtOnce, now);
            Interlocked.Decrement(ref Running);
        });

        Target List => _ => _.ReadOnly().Executes(() => Log.Information("listing"));

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
        }
    }

    public BuildLockTests()
    {
        HoldingBuild.Entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        HoldingBuild.Release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        HoldingBuild.Running = 0;
        HoldingBuild.MostAtOnce = 0;
    }

    [Fact]
    public async Task ASecondWritingBuild_WaitsForTheFirst_NamingItsPidAndTheLock()
    {
        var first = Engine.Run<HoldingBuild>(Root, "Hold");
        await HoldingBuild.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var second = Engine.Run<HoldingBuild>(Root, "Write");
        await Task.Delay(600);
        var secondFinishedWhileHeld = second.IsCompleted;
        HoldingBuild.Release.SetResult();
        var (a, b) = (await first, await second);

        Assert.False(secondFinishedWhileHeld, "the second build ran while the first held the lock");
        Assert.Equal(ExitCode.Success, a.ExitCode);
        Assert.Equal(ExitCode.Success, b.ExitCode);
        Assert.Equal(1, HoldingBuild.MostAtOnce);
        var lockPath = Path.Combine(Root.Path, ".nuke", "temp", "build.lock");
        Assert.Contains($"another build (pid {Environment.ProcessId}) holds {lockPath}; waiting", b.Output);
    }

    [Fact]
    public async Task WithNoWait_ASecondWritingBuild_FailsAtOnceWithASentence()
    {
        var first = Engine.Run<HoldingBuild>(Root, "Hold");
        await HoldingBuild.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var second = await Engine.Run<HoldingBuild>(Root, "Write", "--no-wait").WaitAsync(TimeSpan.FromSeconds(30));
        HoldingBuild.Release.SetResult();
        await first;

        Assert.Equal(ExitCode.TargetFailed, second.ExitCode);
        Assert.Contains("error: Another build (pid ", second.Output);
        Assert.Contains("--no-wait", second.Output);
        Assert.Equal(ExecutionStatus.NotRun, second.StatusOf("Write"));
    }

    [Theory]
    [InlineData("List")]
    [InlineData("--help")]
    [InlineData("--plan", "Write")]
    public async Task ReadOnlyTargetsHelpAndPlan_DoNotWaitForARunningBuild(params string[] args)
    {
        var first = Engine.Run<HoldingBuild>(Root, "Hold");
        await HoldingBuild.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var readOnly = await Engine.Run<HoldingBuild>(Root, args).WaitAsync(TimeSpan.FromSeconds(30));
        HoldingBuild.Release.SetResult();
        await first;

        Assert.Equal(ExitCode.Success, readOnly.ExitCode);
        Assert.DoesNotContain("; waiting", readOnly.Output);
    }

    [Fact]
    public async Task CancellingABuildThatWaitsForTheLock_ExitsAsCancelledWithoutRunningAnything()
    {
        var first = Engine.Run<HoldingBuild>(Root, "Hold");
        await HoldingBuild.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var second = await Engine.Run<HoldingBuild>(Root, new Dictionary<string, string>(), cancel.Token, null, "Write");
        HoldingBuild.Release.SetResult();
        await first;

        Assert.Equal(ExitCode.Cancelled, second.ExitCode);
        Assert.Equal(0, HoldingBuild.MostAtOnce - 1);
    }
}
