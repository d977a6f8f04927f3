using Pipeline.Ci.GitHub;
using Pipeline.Ci.Reports;
using Pipeline.Engine;

/// <summary>ReportMetrics: the metric gate's report, as a file and, in GitHub Actions, on the pull request.</summary>
interface IReportMetrics : IEvaluate
{
    [Parameter("Token for the pull-request comment and commit status (GitHub Actions passes GITHUB_TOKEN)"), Secret]
    string? GitHubToken => TryGetValue(() => GitHubToken);

    Target ReportMetrics => _ => _
        .Description("Report the last evaluation: artifacts/<dataset>/evaluation/pr-report.md; in GitHub Actions also the job summary, one pull-request comment per workflow and dataset, and a commit status (runs after a failed gate too, never turning it into a pass)")
        .After<IEvaluate>(x => x.Evaluate)
        .AssuredAfterFailure()
        .Executes(async cancellationToken =>
        {
            var outcomes = await PullRequestReport.PublishAsync(MetricGateReportBuilder.From(Workspace), Workspace.PullRequestReportPath,
                GitHubRunContext.FromEnvironment(GitHubRunContext.ProcessEnvironment()), GitHubToken, cancellationToken);
            foreach (var outcome in outcomes)
                if (outcome.Succeeded) Log.Information(outcome.Message); else Log.Warning(outcome.Message);
        });
}
