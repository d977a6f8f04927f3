using Pipeline.Ci.GitHub;

namespace Pipeline.Ci.Tests;

public sealed class GitHubRunContextTests : IDisposable
{
    private readonly string _event = Path.Combine(Path.GetTempPath(), "event-" + Guid.NewGuid().ToString("N") + ".json");

    private Dictionary<string, string?> PullRequestRun() => new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["GITHUB_API_URL"] = "https://ghe.example/api/v3",
        ["GITHUB_SERVER_URL"] = "https://ghe.example",
        ["GITHUB_REPOSITORY"] = "acme/models",
        ["GITHUB_WORKFLOW"] = "pull-request",
        ["GITHUB_RUN_ID"] = "42",
        ["GITHUB_SHA"] = "mergecommit",
        ["GITHUB_EVENT_PATH"] = _event,
        ["GITHUB_STEP_SUMMARY"] = "/tmp/summary.md",
    };

    [Fact]
    public void APullRequestRun_NamesItsNumberHeadCommitAndRunPage()
    {
        File.WriteAllText(_event, """{ "action": "synchronize", "pull_request": { "number": 17, "head": { "sha": "headsha123" } } }""");

        var run = GitHubRunContext.FromEnvironment(PullRequestRun())!;

        Assert.Equal(("acme", "models", 17, "headsha123"), (run.Owner, run.Repository, run.PullRequestNumber, run.HeadSha));
        Assert.Equal("https://ghe.example/acme/models/actions/runs/42", run.RunUrl);
        Assert.Equal("https://ghe.example/api/v3", run.ApiUrl);
    }

    [Fact]
    public void APushRun_HasNoPullRequest_AndUsesGitHubSha()
    {
        File.WriteAllText(_event, """{ "ref": "refs/heads/main" }""");

        var run = GitHubRunContext.FromEnvironment(PullRequestRun())!;

        Assert.Null(run.PullRequestNumber);
        Assert.Equal("mergecommit", run.HeadSha);
    }

    [Fact]
    public void OutsideGitHubActions_ThereIsNoRun() =>
        Assert.Null(GitHubRunContext.FromEnvironment(new Dictionary<string, string?> { ["CI"] = "true" }));

    [Theory]
    [InlineData("GITHUB_REPOSITORY", "no-slash", "expected owner/name")]
    [InlineData("GITHUB_API_URL", "ftp://x", "expected an http(s) address")]
    public void AMalformedVariable_IsNamed(string variable, string value, string expected)
    {
        var environment = PullRequestRun();
        environment[variable] = value;

        var error = Assert.Throws<CiException>(() => GitHubRunContext.FromEnvironment(environment));

        Assert.Contains(variable, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void ADamagedEventFile_IsNamed()
    {
        File.WriteAllText(_event, "{ not json");

        var error = Assert.Throws<CiException>(() => GitHubRunContext.FromEnvironment(PullRequestRun()));

        Assert.Contains(_event, error.Message);
    }

    public void Dispose() => File.Delete(_event);
}
