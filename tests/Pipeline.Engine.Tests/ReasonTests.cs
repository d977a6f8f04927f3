namespace Pipeline.Engine.Tests;

/// <summary>Requirements and conditions given a reason (<c>because:</c>) are reported in those words, naming the options involved.</summary>
public sealed class ReasonTests : EngineTest
{
    private sealed class ReasonBuild : RecordingBuild
    {
        [Parameter("Run ids to compare")] readonly string[] RunIds = Array.Empty<string>();
        [Parameter("The data to check")] readonly string? Current;
        [Parameter("Publish the package")] readonly bool Publish;
        [Parameter("Token"), Secret] readonly string? Token;

        Target Compare => _ => _
            .Requires(() => RunIds.Length >= 2, because: "a comparison needs at least two runs; give them as --run-ids A B")
            .Executes(Record(nameof(Compare)));
        Target Check => _ => _
            .Requires(() => Current, because: "it is the data to compare with the training split")
            .Executes(Record(nameof(Check)));
        Target Push => _ => _
            .OnlyWhenStatic(() => Publish, because: "--publish was not given")
            .Executes(Record(nameof(Push)));
        Target Retrain => _ => _
            .OnlyWhenDynamic(() => Publish, because: "no drift was found")
            .Executes(Record(nameof(Retrain)));
        Target Upload => _ => _
            .Requires(() => Token != null && Token.Length > 3, because: "the token must be longer than 3 characters")
            .Executes(Record(nameof(Upload)));
    }

    [Fact]
    public async Task UnmetCondition_WithAReason_PrintsTheReasonAndTheValuesOfTheOptionsItReads()
    {
        var run = await Engine.Run<ReasonBuild>(Root, "Compare", "--run-ids", "2026");

        Assert.Equal(ExitCode.InvalidInvocation, run.ExitCode);
        Assert.Empty(run.Build.Ran);
        Assert.Contains("Target 'Compare' cannot run: a comparison needs at least two runs; give them as --run-ids A B (--run-ids is 2026).", run.Output);
        Assert.DoesNotContain("RunIds.Length", run.Output);
    }

    [Fact]
    public async Task MissingParameter_WithAReason_SaysWhatItIsForAndHowToGiveIt()
    {
        var run = await Engine.Run<ReasonBuild>(Root, "Check");

        Assert.Equal(ExitCode.InvalidInvocation, run.ExitCode);
        Assert.Contains("Target 'Check' needs --current: it is the data to compare with the training split; give it as --current <value>, the environment variable CURRENT, or in .nuke/parameters.json.", run.Output);
    }

    [Fact]
    public async Task UnmetCondition_OnASecret_NeverPrintsItsValue()
    {
        var run = await Engine.Run<ReasonBuild>(Root, "Upload", "--token", "abc");

        Assert.Equal(ExitCode.InvalidInvocation, run.ExitCode);
        Assert.Contains("Target 'Upload' cannot run: the token must be longer than 3 characters (--token is given (secret)).", run.Output);
        Assert.DoesNotContain("abc", run.Output);
    }

    [Fact]
    public async Task FalseStaticCondition_WithAReason_SkipsSayingTheReason()
    {
        var run = await Engine.Run<ReasonBuild>(Root, "Push");

        Assert.Equal(ExitCode.Success, run.ExitCode);
        Assert.Equal(ExecutionStatus.Skipped, run.StatusOf("Push"));
        Assert.Contains("Skipping Push: --publish was not given.", run.Output);
        Assert.DoesNotContain("condition 'Publish' is false", run.Output);
    }

    [Fact]
    public async Task FalseDynamicCondition_WithAReason_SkipsSayingTheReason()
    {
        var run = await Engine.Run<ReasonBuild>(Root, "Retrain");

        Assert.Equal(ExecutionStatus.Skipped, run.StatusOf("Retrain"));
        Assert.Contains("Skipping Retrain: no drift was found.", run.Output);
    }

    [Fact]
    public void TargetClauses_ListEveryClause_AndWhetherItHasAReason()
    {
        var clauses = TargetClauses.Of(new MixedBuild());

        Assert.Contains(new TargetClause("Explained", ClauseKind.Requires, "Value", true), clauses);
        Assert.Contains(new TargetClause("Unexplained", ClauseKind.Requires, "Value", false), clauses);
        Assert.Contains(new TargetClause("Unexplained", ClauseKind.OnlyWhenDynamic, "Flag", false), clauses);
        Assert.Contains(new TargetClause("Explained", ClauseKind.OnlyWhenStatic, "Flag", true), clauses);
    }

    [Fact]
    public void AnEmptyReason_IsABuildDefinitionError()
    {
        var error = Assert.Throws<BuildDefinitionException>(() => TargetClauses.Of(new EmptyReasonBuild()));

        Assert.Contains("empty reason", error.Message);
    }

    private sealed class MixedBuild : RecordingBuild
    {
        [Parameter("A value")] readonly string? Value;
        [Parameter("A flag")] readonly bool Flag;

        Target Explained => _ => _.Requires(() => Value, because: "it is needed").OnlyWhenStatic(() => Flag, because: "--flag was not given").Executes(Record(nameof(Explained)));
        Target Unexplained => _ => _.Requires(() => Value).OnlyWhenDynamic(() => Flag).Executes(Record(nameof(Unexplained)));
    }

    private sealed class EmptyReasonBuild : RecordingBuild
    {
        [Parameter("A value")] readonly string? Value;

        Target Explained => _ => _.Requires(() => Value, because: " ").Executes(Record(nameof(Explained)));
    }
}
