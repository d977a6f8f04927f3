namespace Pipeline.Engine.Tests;

/// <summary>A build class whose target definitions or constructor throw is reported as a sentence, not a stack trace.</summary>
public sealed class BuildSetupFailureTests : EngineTest
{
    private sealed class ThrowingDefinitionBuild : NukeBuild
    {
        readonly string? _missing;

        Target Broken => _ => _.Description(_missing!.ToUpperInvariant()).Executes(() => { });
    }

    [Fact]
    public async Task TargetDefinitionThatThrows_IsReportedAsASentenceWithoutStackTrace()
    {
        var run = await Engine.Run<ThrowingDefinitionBuild>(Root, "Broken");

        Assert.NotEqual(ExitCode.Success, run.ExitCode);
        Assert.Contains("error: Object reference not set to an instance of an object.", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
    }

    private sealed class ThrowingConstructorBuild : NukeBuild
    {
        public ThrowingConstructorBuild() => throw new InvalidOperationException("settings.json is missing.");

        Target Any => _ => _.Executes(() => { });
    }

    [Fact]
    public async Task BuildConstructorThatThrows_IsReportedAsASentence()
    {
        var run = await Engine.Run<ThrowingConstructorBuild>(Root, "Any");

        Assert.Equal(ExitCode.InvalidInvocation, run.ExitCode);
        Assert.Contains("error: The build class could not be set up: settings.json is missing.", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
    }
}
