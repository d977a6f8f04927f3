namespace Pipeline.Engine.Tests;

public sealed class CiHostTests : EngineTest
{
    private const string Token = "ghs_c1T0kenValue";

    private sealed class CiBuild : NukeBuild
    {
        [Parameter("Token"), Secret] readonly string? ApiToken;
        [Parameter("A setting a CI profile changes")] public readonly string Setting = "laptop";

        protected internal override string? ContinuousIntegrationProfile => "ci";

        Target Compile => _ => _.Executes(() => Log.Information($"compiling with {ApiToken}; setting {Setting}"));

        Target Gate => _ => _.DependsOn(Compile).Executes(() => throw new InvalidOperationException("metric f1 regressed by 0.0300 (tolerance 0.0100)\nsee the report, 100% sure"));
    }

    private static Dictionary<string, string> GitHub(string summaryPath) => new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_STEP_SUMMARY"] = summaryPath,
        ["API_TOKEN"] = Token,
    };

    [Fact]
    public async Task OnGitHubActions_EachTargetIsALogGroup_AndAFailureIsAnErrorAnnotation()
    {
        var summary = Root.Write("summary.md", "");

        var run = await Engine.Run<CiBuild>(Root, GitHub(summary), "Gate");

        Assert.Equal(ExitCode.TargetFailed, run.ExitCode);
        Assert.Contains("Running on GitHub Actions.", run.Output);
        Assert.Contains("::group::Compile", run.Output);
        Assert.Contains("::group::Gate", run.Output);
        Assert.Equal(2, CountOf(run.Output, "::endgroup::"));
        // Newlines and % in the message are escaped so the annotation stays one command.
        Assert.Contains("::error title=Target Gate failed::metric f1 regressed by 0.0300 (tolerance 0.0100)%0Asee the report, 100%25 sure", run.Output);
        var endOfGate = run.Output.LastIndexOf("::endgroup::", StringComparison.Ordinal);
        Assert.True(run.Output.IndexOf("::error ", StringComparison.Ordinal) > endOfGate, "the annotation follows the closed group");
    }

    [Fact]
    public async Task OnGitHubActions_SecretsAreRegisteredWithTheRunner_AndMaskedEverywhereElse()
    {
        var summary = Root.Write("summary.md", "");

        var run = await Engine.Run<CiBuild>(Root, GitHub(summary), "Compile");

        Assert.Equal(ExitCode.Success, run.ExitCode);
        Assert.Equal(1, CountOf(run.Output, Token));
        Assert.Contains("::add-mask::" + Token, run.Output);
        Assert.Contains("compiling with ***", run.Output);
        Assert.DoesNotContain(Token, File.ReadAllText(summary));
    }

    [Fact]
    public async Task OnGitHubActions_TheSummaryTableIsAppendedToTheJobSummary()
    {
        var summary = Root.Write("summary.md", "earlier step\n");

        await Engine.Run<CiBuild>(Root, GitHub(summary), "Gate");

        var markdown = File.ReadAllText(summary);
        Assert.StartsWith("earlier step\n", markdown);
        Assert.Matches(@"\| Compile \| Succeeded \| 0:\d\d\.\d{3} \|  \|", markdown);
        Assert.Contains("| Gate | Failed |", markdown);
        Assert.Contains("metric f1 regressed by 0.0300 (tolerance 0.0100) ...", markdown);
        Assert.Contains("Build failed: Gate.", markdown);
    }

    [Fact]
    public async Task OnGitLabCi_EachTargetIsACollapsibleSection()
    {
        var run = await Engine.Run<CiBuild>(Root, new Dictionary<string, string> { ["GITLAB_CI"] = "true" }, "Compile");

        Assert.Contains("Running on GitLab CI.", run.Output);
        Assert.Matches("\u001b\\[0Ksection_start:\\d+:target_compile\\[collapsed=false\\]\r\u001b\\[0K=== Compile =+", run.Output);
        Assert.Matches("\u001b\\[0Ksection_end:\\d+:target_compile\r\u001b\\[0K", run.Output);
        Assert.DoesNotContain("::group::", run.Output);
    }

    [Theory]
    [InlineData("TF_BUILD", "True", "Azure Pipelines")]
    [InlineData("TEAMCITY_VERSION", "2025.03", "TeamCity")]
    [InlineData("JENKINS_URL", "http://jenkins.example/", "Jenkins")]
    public async Task OtherServers_AreNamedInTheHeader_WithPlainOutput(string variable, string value, string name)
    {
        var run = await Engine.Run<CiBuild>(Root, new Dictionary<string, string> { [variable] = value }, "Compile");

        Assert.Contains($"Running on {name}.", run.Output);
        Assert.DoesNotContain("::group::", run.Output);
        Assert.DoesNotContain("section_start", run.Output);
        Assert.Contains("=== Compile ===", run.Output);
    }

    [Fact]
    public async Task OnALaptop_NothingChanges()
    {
        var run = await Engine.Run<CiBuild>(Root, new Dictionary<string, string> { ["CI"] = "true" }, "Compile");

        Assert.DoesNotContain("Running on", run.Output);
        Assert.DoesNotContain("::", run.Output);
        Assert.Contains("setting laptop", run.Output);
    }

    [Fact]
    public async Task OnARecognisedServer_TheBuildsCiProfileApplies_WhenItExistsAndNoProfileWasGiven()
    {
        Root.Write(".nuke/parameters.ci.json", """{ "Setting": "from-ci-profile" }""");
        Root.Write(".nuke/parameters.other.json", """{ "Setting": "from-other-profile" }""");
        var gitLab = new Dictionary<string, string> { ["GITLAB_CI"] = "true" };

        var onServer = await Engine.Run<CiBuild>(Root, gitLab, "Compile");
        var explicitProfile = await Engine.Run<CiBuild>(Root, gitLab, "Compile", "--profile", "other");
        var onLaptop = await Engine.Run<CiBuild>(Root, "Compile");

        Assert.Contains("Running on GitLab CI (profile ci).", onServer.Output);
        Assert.Contains("setting from-ci-profile", onServer.Output);
        Assert.Contains("setting from-other-profile", explicitProfile.Output);
        Assert.Contains("setting laptop", onLaptop.Output);
    }

    [Fact]
    public async Task OnARecognisedServer_AMissingCiProfileFileIsNotAnError()
    {
        var run = await Engine.Run<CiBuild>(Root, new Dictionary<string, string> { ["GITLAB_CI"] = "true" }, "Compile");

        Assert.Equal(ExitCode.Success, run.ExitCode);
        Assert.Contains("Running on GitLab CI.", run.Output);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
