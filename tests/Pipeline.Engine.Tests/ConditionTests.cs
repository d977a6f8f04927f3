namespace Pipeline.Engine.Tests;

public sealed class ConditionTests : EngineTest
{
    private sealed class StaticConditionBuild : RecordingBuild
    {
        [Parameter("Publish the package")] readonly bool Publish;

        Target Restore => _ => _.Executes(Record(nameof(Restore)));
        Target Sign => _ => _.Executes(Record(nameof(Sign)));
        Target Compile => _ => _.DependsOn(Restore).Executes(Record(nameof(Compile)));
        Target Push => _ => _.DependsOn(Compile, Sign).OnlyWhenStatic(() => Publish).Executes(Record(nameof(Push)));
    }

    [Fact]
    public async Task OnlyWhenStatic_False_SkipsTheTargetAndDependenciesOnlyItNeeds()
    {
        var run = await Engine.Run<StaticConditionBuild>(Root, "Push", "Compile");

        Assert.Equal(ExitCode.Success, run.ExitCode);
        Assert.Equal(new[] { "Restore", "Compile" }, run.Build.Ran);
        Assert.Equal(ExecutionStatus.Skipped, run.StatusOf("Push"));
        Assert.Equal(ExecutionStatus.Skipped, run.StatusOf("Sign"));
        Assert.Contains("Skipping Push: condition 'Publish' is false.", run.Output);
    }

    [Fact]
    public async Task OnlyWhenStatic_True_RunsTheTarget()
    {
        var run = await Engine.Run<StaticConditionBuild>(Root, "Push", "--publish");

        Assert.Equal(new[] { "Restore", "Compile", "Sign", "Push" }, run.Build.Ran);
    }

    private sealed class DynamicConditionBuild : RecordingBuild
    {
        bool _driftFound;

        [Parameter("Simulated drift")] readonly bool Drift;

        Target CheckDrift => _ => _.Executes(() => { _driftFound = Drift; Record(nameof(CheckDrift))(); });
        Target Retrain => _ => _.DependsOn(CheckDrift).OnlyWhenDynamic(() => _driftFound).Executes(Record(nameof(Retrain)));
        Target StaticRetrain => _ => _.DependsOn(CheckDrift).OnlyWhenStatic(() => _driftFound).Executes(Record(nameof(StaticRetrain)));
        Target ExplainedRetrain => _ => _.DependsOn(CheckDrift).OnlyWhenDynamic(() => _driftFound, () => $"no drift found (drift = {Drift})").Executes(Record(nameof(ExplainedRetrain)));
    }

    [Fact]
    public async Task OnlyWhenDynamicWithAReason_SaysTheReasonWhenSkipped_AndRunsWhenTrue()
    {
        var withoutDrift = await Engine.Run<DynamicConditionBuild>(Root, "ExplainedRetrain");
        var withDrift = await Engine.Run<DynamicConditionBuild>(Root, "ExplainedRetrain", "--drift");

        Assert.Equal(ExecutionStatus.Skipped, withoutDrift.StatusOf("ExplainedRetrain"));
        Assert.Equal("no drift found (drift = False)", withoutDrift.Result.Targets.Single(t => t.Name == "ExplainedRetrain").Reason);
        Assert.DoesNotContain("condition '", withoutDrift.Output);
        Assert.Equal(new[] { "CheckDrift", "ExplainedRetrain" }, withDrift.Build.Ran);
    }

    [Fact]
    public async Task OnlyWhenDynamic_IsEvaluatedAfterDependenciesRan()
    {
        var withDrift = await Engine.Run<DynamicConditionBuild>(Root, "Retrain", "--drift");
        var withoutDrift = await Engine.Run<DynamicConditionBuild>(Root, "Retrain");

        Assert.Equal(new[] { "CheckDrift", "Retrain" }, withDrift.Build.Ran);
        Assert.Equal(new[] { "CheckDrift" }, withoutDrift.Build.Ran);
        Assert.Equal(ExecutionStatus.Skipped, withoutDrift.StatusOf("Retrain"));
        Assert.Equal(ExitCode.Success, withoutDrift.ExitCode);
    }

    [Fact]
    public async Task OnlyWhenStatic_IsEvaluatedBeforeAnyTargetRuns()
    {
        // The same condition as a static one is read before CheckDrift sets it, so the target is skipped
        // (and CheckDrift with it, as only the skipped target needed it).
        var run = await Engine.Run<DynamicConditionBuild>(Root, "StaticRetrain", "--drift");

        Assert.Empty(run.Build.Ran);
        Assert.Equal(ExecutionStatus.Skipped, run.StatusOf("StaticRetrain"));
        Assert.Equal(ExecutionStatus.Skipped, run.StatusOf("CheckDrift"));
    }

    private sealed class RequiresBuild : RecordingBuild
    {
        [Parameter("Token for the registry"), Secret] readonly string? RegistryToken;
        [Parameter("Replica count")] readonly int Replicas = 1;
        [Parameter("Regions")] readonly string[] Regions = Array.Empty<string>();

        Target Build => _ => _.Executes(Record(nameof(Build)));
        Target Deploy => _ => _.DependsOn(Build).Requires(() => RegistryToken).Requires(() => Replicas > 0).Executes(Record(nameof(Deploy)));
        Target Replicate => _ => _.Requires(() => Regions.Length >= 2).Executes(Record(nameof(Replicate)));
    }

    [Fact]
    public async Task Requires_MissingParameter_StopsBeforeAnyTargetRunsNamingIt()
    {
        var run = await Engine.Run<RequiresBuild>(Root, "Deploy");

        Assert.Equal(ExitCode.InvalidInvocation, run.ExitCode);
        Assert.Empty(run.Build.Ran);
        Assert.Contains("Target 'Deploy' requires the parameter 'RegistryToken'; give it as --registry-token <value>, the environment variable REGISTRY_TOKEN", run.Output);
    }

    [Fact]
    public async Task Requires_FalseCondition_StopsNamingTheCondition()
    {
        var run = await Engine.Run<RequiresBuild>(Root, "Deploy", "--registry-token", "t0k3n", "--replicas", "0");

        Assert.Equal(ExitCode.InvalidInvocation, run.ExitCode);
        Assert.Contains("Target 'Deploy' requires 'Replicas > 0'", run.Output);
        Assert.Empty(run.Build.Ran);
    }

    [Fact]
    public async Task Requires_ConditionText_ReadsLikeTheSource()
    {
        var run = await Engine.Run<RequiresBuild>(Root, "Replicate", "--regions", "eu");

        Assert.Equal(ExitCode.InvalidInvocation, run.ExitCode);
        Assert.Contains("Target 'Replicate' requires 'Regions.Length >= 2', which is not the case.", run.Output);
    }

    [Fact]
    public async Task Requires_Met_RunsTheTarget()
    {
        var run = await Engine.Run<RequiresBuild>(Root, "Deploy", "--registry-token", "t0k3n");

        Assert.Equal(new[] { "Build", "Deploy" }, run.Build.Ran);
    }
}
