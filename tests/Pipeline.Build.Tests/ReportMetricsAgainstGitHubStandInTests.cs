using System.Net;

namespace Pipeline.Build.Tests;

/// <summary>
/// `./build.sh Evaluate ReportMetrics` in a pull-request run of GitHub Actions, against a local stand-in of the GitHub
/// REST API (no GitHub is reachable here): one sticky comment and one status, updated on a second run, a failing status
/// and a non-zero exit for a worse model, and the token nowhere but the Authorization header.
/// </summary>
public sealed class ReportMetricsAgainstGitHubStandInTests
{
    private const string Token = "ghs_e2eStandInToken0123456789";

    private static Dictionary<string, string> PullRequestRun(GitHubApiStandIn github, ScratchCheckout checkout)
    {
        var eventPath = checkout.Write("event.json", """{ "pull_request": { "number": 12, "head": { "sha": "feedface00112233" } } }""");
        return new()
        {
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_API_URL"] = github.ApiUrl,
            ["GITHUB_SERVER_URL"] = "http://github.example",
            ["GITHUB_REPOSITORY"] = "acme/models",
            ["GITHUB_WORKFLOW"] = "pull-request",
            ["GITHUB_RUN_ID"] = "77",
            ["GITHUB_EVENT_PATH"] = eventPath,
            ["GITHUB_STEP_SUMMARY"] = Path.Combine(checkout.Path, "step-summary.md"),
            ["GITHUB_TOKEN"] = Token,
        };
    }

    [Fact]
    public void APassingThenAFailingGate_PostOneCommentUpdatedInPlace_AndTheMatchingStatuses()
    {
        using var github = new GitHubApiStandIn();
        using var checkout = new ScratchCheckout("ai4i2020");
        var environment = PullRequestRun(github, checkout);

        var first = checkout.Run(environment, "Evaluate", "ReportMetrics");
        var second = checkout.Run(environment, "Evaluate", "ReportMetrics");
        // A model made worse: 3 boosting iterations instead of the committed configuration's hundreds.
        var configuration = Path.Combine(checkout.Path, "models", "ai4i2020", "training.json");
        File.WriteAllText(configuration, File.ReadAllText(configuration).Replace("\"numberOfIterations\": 300", "\"numberOfIterations\": 3"));
        var worse = checkout.Run(environment, "Evaluate", "ReportMetrics");

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.NotEqual(0, worse.ExitCode);
        Assert.Contains("::group::ReportMetrics", worse.Output);
        Assert.Contains("::error title=Target Evaluate failed::", worse.Output);

        var comment = Assert.Single(Assert.Single(github.Comments).Value);
        Assert.StartsWith("<!-- pipeline:metric-gate workflow=\"pull-request\" dataset=\"ai4i2020\" -->", comment.Body);
        Assert.Contains("failed", comment.Body);
        Assert.Contains("**regressed**", comment.Body);
        Assert.Equal(["success", "success", "failure"], github.Statuses.Select(s => s.State));
        Assert.All(github.Statuses, s => Assert.Equal(("feedface00112233", "pipeline/metric-gate (ai4i2020)"), (s.Sha, s.Context)));
        Assert.StartsWith("Regressed: ", github.Statuses[^1].Description);

        Assert.All(github.Requests, r => Assert.DoesNotContain(Token, r.Body));
        foreach (var output in new[] { first.Output, second.Output, worse.Output })
        {
            Assert.DoesNotContain(Token, output.Replace("::add-mask::" + Token, ""));
            Assert.Contains("::add-mask::" + Token, output);
        }
        Assert.Contains("Metric gate", File.ReadAllText(environment["GITHUB_STEP_SUMMARY"]));
    }

    [Fact]
    public void AForkPullRequest_WhoseTokenCannotComment_StillGetsTheJobSummary_AndTheGatesOwnExitCode()
    {
        using var github = new GitHubApiStandIn { FailWith = HttpStatusCode.Forbidden };
        using var checkout = new ScratchCheckout("ai4i2020");
        var environment = PullRequestRun(github, checkout);

        var run = checkout.Run(environment, "Evaluate", "ReportMetrics");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("could not comment on the pull request: the token may not do this (403)", run.Output);
        Assert.Contains("Metric gate", File.ReadAllText(environment["GITHUB_STEP_SUMMARY"]));
        Assert.DoesNotContain(Token, run.Output.Replace("::add-mask::" + Token, ""));
    }
}
