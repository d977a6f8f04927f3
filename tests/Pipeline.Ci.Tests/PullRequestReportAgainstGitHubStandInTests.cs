using System.Net;
using Pipeline.Ci.GitHub;
using Pipeline.Ci.Reports;

namespace Pipeline.Ci.Tests;

/// <summary>The pull-request report against a local stand-in of the GitHub REST API (no GitHub is reachable here).</summary>
public sealed class PullRequestReportAgainstGitHubStandInTests : IDisposable
{
    private const string Token = "ghs_standInT0kenValue123";
    private readonly GitHubApiStandIn _github = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ci-tests-" + Guid.NewGuid().ToString("N")[..12]);

    public PullRequestReportAgainstGitHubStandInTests() => Directory.CreateDirectory(_folder);

    private GitHubRunContext Run(string workflow = "pull-request", int? number = 7) =>
        new(_github.ApiUrl, "acme", "models", workflow, "http://github.example/acme/models/actions/runs/42", number, "0123456789abcdef0123", Path.Combine(_folder, "summary.md"));

    private static MetricGateReport Report(bool passed) => new("ai4i2020", passed,
        passed ? null : "The metric gate failed: f1 regressed by 0.0300 (tolerance 0.0100).",
        [
            new MetricRow("f1", passed ? 0.9134 : 0.8834, 0.9134, 0.01, passed ? "unchanged" : "regressed", !passed, 0.9100, (-0.0100, 0.0170)),
            new MetricRow("rocAuc", 0.9842, 0.9842, 0.005, "unchanged", false, 0.9800, (0.0010, 0.0075)),
        ],
        [new CauseRow("HDF", 26, 26, 25)], [new SliceRow("Type=H", 200, 7, "f1", 0.80, 0.83)],
        ["the data changed: SHA-256 1234abcd… (snapshot 99aa00ff…)"], "no drift in 2,000 rows (2026-11-29)", ["run 20261130-0101"]);

    private string MarkdownPath => Path.Combine(_folder, "pr-report.md");

    [Fact]
    public async Task APassingGate_PostsOneComment_AndASuccessStatus_AndASecondRunUpdatesThatComment()
    {
        var first = await PullRequestReport.PublishAsync(Report(passed: true), MarkdownPath, Run(), Token);
        var second = await PullRequestReport.PublishAsync(Report(passed: true), MarkdownPath, Run(), Token);

        Assert.All(first.Concat(second), o => Assert.True(o.Succeeded, o.Message));
        var comment = Assert.Single(Assert.Single(_github.Comments).Value);
        Assert.StartsWith(PullRequestReport.Marker("pull-request", "ai4i2020"), comment.Body);
        Assert.Contains("| f1 | 0.9134 | 0.9134 | ±0.0000 | 0.0100 | unchanged |", comment.Body);
        Assert.Contains("[−0.0100, +0.0170] (noise)", comment.Body);
        Assert.Contains("updated the comment on pull request #7", second.Select(o => o.Message));
        Assert.Equal(2, _github.Statuses.Count);
        Assert.All(_github.Statuses, s => Assert.Equal(("0123456789abcdef0123", "success", "pipeline/metric-gate (ai4i2020)"), (s.Sha, s.State, s.Context)));
    }

    [Fact]
    public async Task AFailingGate_SetsAFailureStatus_AndTheCommentSaysWhichMetricsRegressed()
    {
        await PullRequestReport.PublishAsync(Report(passed: false), MarkdownPath, Run(), Token);

        var status = Assert.Single(_github.Statuses);
        Assert.Equal("failure", status.State);
        Assert.Equal("Regressed: f1.", status.Description);
        var comment = Assert.Single(Assert.Single(_github.Comments).Value);
        Assert.Contains("failed", comment.Body);
        Assert.Contains("| f1 | 0.8834 | 0.9134 | −0.0300 | 0.0100 | **regressed** |", comment.Body);
    }

    [Fact]
    public async Task TwoWorkflows_KeepTheirOwnComments()
    {
        await PullRequestReport.PublishAsync(Report(passed: true), MarkdownPath, Run("pull-request"), Token);
        await PullRequestReport.PublishAsync(Report(passed: false), MarkdownPath, Run("nightly-gate"), Token);
        await PullRequestReport.PublishAsync(Report(passed: false), MarkdownPath, Run("pull-request"), Token);

        var comments = Assert.Single(_github.Comments).Value;
        Assert.Equal(2, comments.Count);
        Assert.Single(comments, c => c.Body.StartsWith(PullRequestReport.Marker("pull-request", "ai4i2020"), StringComparison.Ordinal) && c.Body.Contains("**regressed**"));
        Assert.Single(comments, c => c.Body.StartsWith(PullRequestReport.Marker("nightly-gate", "ai4i2020"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheToken_IsSentOnlyInTheAuthorizationHeader_NeverInABodyOrTheReport()
    {
        var outcomes = await PullRequestReport.PublishAsync(Report(passed: false), MarkdownPath, Run(), Token);

        Assert.NotEmpty(_github.Requests);
        Assert.All(_github.Requests, r =>
        {
            Assert.DoesNotContain(Token, r.Body);
            Assert.DoesNotContain(Token, r.Path);
            Assert.Contains(Token, r.Authorization);
        });
        Assert.DoesNotContain(Token, File.ReadAllText(MarkdownPath));
        Assert.DoesNotContain(Token, File.ReadAllText(Path.Combine(_folder, "summary.md")));
        Assert.All(outcomes, o => Assert.DoesNotContain(Token, o.Message));
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, false, "403", "fork")]
    [InlineData(HttpStatusCode.Unauthorized, false, "401", "GitHubToken")]
    [InlineData(HttpStatusCode.NotFound, false, "404", "does not exist")]
    [InlineData(HttpStatusCode.Forbidden, true, "rate limit", "until")]
    public async Task ARefusedRequest_IsOneClearLine_AndTheFileAndJobSummaryAreStillWritten(HttpStatusCode status, bool rateLimit, string expected, string advice)
    {
        _github.FailWith = status;
        _github.FailAsRateLimit = rateLimit;

        var outcomes = await PullRequestReport.PublishAsync(Report(passed: false), MarkdownPath, Run(), Token);

        Assert.True(File.Exists(MarkdownPath));
        Assert.Contains("metric gate", File.ReadAllText(Path.Combine(_folder, "summary.md")), StringComparison.OrdinalIgnoreCase);
        var failures = outcomes.Where(o => !o.Succeeded).ToList();
        Assert.Equal(2, failures.Count); // the comment and the status
        Assert.All(failures, f =>
        {
            Assert.Contains(expected, f.Message);
            Assert.Contains(advice, f.Message);
            Assert.DoesNotContain("\n", f.Message);
            Assert.DoesNotContain(Token, f.Message); // the stand-in echoes the Authorization header in its body
        });
    }

    [Fact]
    public async Task AnUnreachableServer_IsOneClearLine()
    {
        var run = Run() with { ApiUrl = "http://127.0.0.1:9/api/v3" };

        var outcomes = await PullRequestReport.PublishAsync(Report(passed: true), MarkdownPath, run, Token);

        Assert.Contains(outcomes, o => !o.Succeeded && o.Message.Contains("could not be reached"));
    }

    [Fact]
    public async Task OutsideGitHubActions_OnlyTheFileIsWritten()
    {
        var outcomes = await PullRequestReport.PublishAsync(Report(passed: true), MarkdownPath, run: null, token: Token);

        Assert.Single(outcomes);
        Assert.True(File.Exists(MarkdownPath));
        Assert.Empty(_github.Requests);
        Assert.DoesNotContain("<!--", File.ReadAllText(MarkdownPath));
    }

    [Fact]
    public async Task WithoutAToken_TheJobSummaryIsWritten_AndNothingIsPosted()
    {
        var outcomes = await PullRequestReport.PublishAsync(Report(passed: true), MarkdownPath, Run(), token: null);

        Assert.Contains(outcomes, o => o.Message.Contains("no GitHub token"));
        Assert.Empty(_github.Requests);
        Assert.True(File.Exists(Path.Combine(_folder, "summary.md")));
    }

    [Fact]
    public async Task ADriftIssue_IsOpenedOnce_UpdatedWhileDriftLasts_AndClosedWhenItEnds()
    {
        var publisher = new GitHubPublisher(Run(number: null), Token);
        const string marker = "<!-- pipeline:drift dataset=\"ai4i2020\" -->";

        var opened = await publisher.OpenOrUpdateIssueAsync(marker, "Drift in ai4i2020", marker + "\nTorque drifted.");
        var updated = await publisher.OpenOrUpdateIssueAsync(marker, "Drift in ai4i2020", marker + "\nTorque and speed drifted.");
        var closed = await publisher.CloseIssueAsync(marker, "No drift in the latest check.");
        var nothing = await publisher.CloseIssueAsync(marker, "No drift in the latest check.");

        Assert.Equal("opened issue #1", opened.Message);
        Assert.Equal("updated issue #1", updated.Message);
        Assert.Equal("closed issue #1", closed.Message);
        Assert.Equal("no open issue to close", nothing.Message);
        var issue = Assert.Single(_github.Issues);
        Assert.Equal(("closed", marker + "\nTorque and speed drifted."), (issue.State, issue.Body));
        Assert.Equal("No drift in the latest check.", Assert.Single(_github.Comments[1]).Body);
    }

    public void Dispose()
    {
        _github.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
