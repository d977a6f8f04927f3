namespace Pipeline.Engine.Tests;

public sealed class SecretTests : EngineTest
{
    private const string Token = "ghp_s3cr3tTokenValue";

    private sealed class SecretBuild : NukeBuild
    {
        [Parameter("GitHub token"), Secret] readonly string? GitHubToken;
        [Parameter("Visible setting")] readonly string Visible = "shown";

        Target Publish => _ => _.Executes(() =>
        {
            Log.Information($"Publishing with token {GitHubToken} and {Visible}");
            Log.Warning($"token again: {GitHubToken}");
        });

        Target Leak => _ => _.Executes(() => throw new InvalidOperationException($"Authentication with '{GitHubToken}' was refused."));

        Target Print => _ => _.Executes(() =>
        {
            Console.WriteLine($"Console sees {GitHubToken}");
            Console.Write("split " + GitHubToken![..6]);
            Console.Write(GitHubToken[6..] + " end\n");
            Console.Write("no line end " + GitHubToken);
        });

        public StringWriter ErrorStream { get; } = new();

        Target ReadToken => _ => _.Executes(() =>
        {
            // A credential the build reads at run time, not a parameter: known to the engine only once registered.
            const string fromFile = "kube-t0ken-read-at-run-time";
            Log.RegisterSecret(fromFile);
            Log.Information($"server said: Authorization: Bearer {fromFile}");
            Console.WriteLine($"console: {fromFile}");
            throw new InvalidOperationException($"403 Forbidden; request headers: Authorization: Bearer {fromFile}");
        });

        Target PrintError => _ => _.Executes(() =>
        {
            // The writer the engine installs as Console.Error, over a stream this test can read.
            var error = new MaskingConsoleWriter(ErrorStream, isError: true);
            error.Write("refused: " + GitHubToken![..4]);
            error.WriteLine(GitHubToken[4..]);
        });
    }

    private static Dictionary<string, string> TokenInEnvironment() => new() { ["GITHUB_TOKEN"] = Token };

    [Fact]
    public async Task SecretValue_IsMaskedInHelp_WhileItsSourceIsShown()
    {
        var run = await Engine.Run<SecretBuild>(Root, TokenInEnvironment(), "--help");

        Assert.DoesNotContain(Token, run.Output);
        Assert.Contains("= ***   (from the environment variable GITHUB_TOKEN)", run.Output);
        Assert.Contains("= shown   (from default)", run.Output);
    }

    [Fact]
    public async Task SecretValue_IsMaskedInLogs()
    {
        var run = await Engine.Run<SecretBuild>(Root, TokenInEnvironment(), "Publish");

        AssertSucceededShowingOnlyTheMask(run, "Publishing with token *** and shown", "warning: token again: ***");
    }

    private static void AssertSucceededShowingOnlyTheMask(EngineRun<SecretBuild> run, params string[] expectedTexts)
    {
        Assert.Equal(ExitCode.Success, run.ExitCode);
        Assert.DoesNotContain(Token, run.Output);
        foreach (var text in expectedTexts) Assert.Contains(text, run.Output);
    }

    [Fact]
    public async Task SecretValue_IsMaskedInFailureMessagesAndTheSummary()
    {
        var run = await Engine.Run<SecretBuild>(Root, new Dictionary<string, string>(), "Leak", "--github-token", Token, "--verbosity", "verbose");

        Assert.Equal(ExitCode.TargetFailed, run.ExitCode);
        Assert.DoesNotContain(Token, run.Output);
        Assert.Contains("error: Target 'Leak' failed: Authentication with '***' was refused.", run.Output);
        Assert.Contains("Failed", run.Output.Split('\n').Single(l => l.StartsWith("Leak ")));
        Assert.Contains("Authentication with '***'", run.Output.Split('\n').Single(l => l.StartsWith("Leak ")));
        Assert.Equal("Authentication with '" + Token + "' was refused.", run.Result.Targets.Single().Reason);
    }

    [Fact]
    public async Task SecretValue_IsMaskedInConsoleOutputOfTargets_EvenWhenWrittenInPieces()
    {
        var run = await Engine.Run<SecretBuild>(Root, TokenInEnvironment(), "Print");

        AssertSucceededShowingOnlyTheMask(run, "Console sees ***", "split *** end", "no line end ***");
    }

    [Fact]
    public async Task SecretValue_IsMaskedInConsoleErrorOfTargets_AndThatTextStaysOnTheErrorStream()
    {
        var run = await Engine.Run<SecretBuild>(Root, TokenInEnvironment(), "PrintError");

        Assert.Equal(ExitCode.Success, run.ExitCode);
        Assert.Equal("refused: ***" + Environment.NewLine, run.Build.ErrorStream.ToString());
        Assert.DoesNotContain("refused", run.Output);
    }

    [Fact]
    public async Task ValueRegisteredAtRunTime_IsMaskedInLogsConsoleFailureAndSummary()
    {
        var run = await Engine.Run<SecretBuild>(Root, new Dictionary<string, string>(), "ReadToken", "--verbosity", "verbose");

        Assert.Equal(ExitCode.TargetFailed, run.ExitCode);
        Assert.DoesNotContain("kube-t0ken-read-at-run-time", run.Output);
        Assert.Contains("server said: Authorization: Bearer ***", run.Output);
        Assert.Contains("console: ***", run.Output);
        Assert.Contains("error: Target 'ReadToken' failed: 403 Forbidden; request headers: Authorization: Bearer ***", run.Output);
    }

    [Fact]
    public async Task SecretNotGiven_IsShownAsNotSet()
    {
        var run = await Engine.Run<SecretBuild>(Root, "--help");

        Assert.Contains("= (not set)   (from default)", run.Output);
    }

    private sealed class BadSecretBuild : NukeBuild
    {
        [Parameter("PIN"), Secret] readonly int Pin;

        Target Unlock => _ => _.Executes(() => Log.Information(Pin.ToString()));
    }

    [Fact]
    public async Task BadSecretValue_IsNotEchoedInTheError()
    {
        var run = await Engine.Run<BadSecretBuild>(Root, "Unlock", "--pin", "hunter2");

        Assert.Equal(ExitCode.InvalidInvocation, run.ExitCode);
        Assert.DoesNotContain("hunter2", run.Output);
        Assert.Contains("Parameter 'Pin' (--pin) got a value from the command line, but expects an integer (Int32).", run.Output);
    }
}
