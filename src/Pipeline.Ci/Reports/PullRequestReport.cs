using Pipeline.Ci.GitHub;

namespace Pipeline.Ci.Reports;

/// <summary>
/// Publishes a <see cref="MetricGateReport"/> everywhere it belongs: always to a Markdown file; in GitHub Actions also
/// to the job summary, as the pull request's one sticky comment per workflow and dataset, and as a commit status
/// whose context names the dataset. Publishing never changes the gate's verdict: failures are returned as lines.
/// </summary>
public static class PullRequestReport
{
    /// <summary>The hidden first line that identifies the comment of one workflow and dataset.</summary>
    public static string Marker(string workflow, string dataset) => $"<!-- pipeline:metric-gate workflow=\"{workflow}\" dataset=\"{dataset}\" -->";

    /// <summary>The commit status context of a dataset's gate.</summary>
    public static string StatusContext(string dataset) => $"pipeline/metric-gate ({dataset})";

    /// <summary>Writes and posts the report; returns one line per place it went (or why it did not).</summary>
    public static async Task<IReadOnlyList<PublishOutcome>> PublishAsync(MetricGateReport report, string markdownPath, GitHubRunContext? run,
        string? token, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<PublishOutcome>();
        var markdown = MetricGateMarkdown.Render(report, run is null ? null : Marker(run.Workflow, report.Dataset), run?.RunUrl);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(markdownPath))!);
        File.WriteAllText(markdownPath, markdown);
        outcomes.Add(PublishOutcome.Done($"wrote {markdownPath}"));
        if (run is null) return outcomes;

        if (run.StepSummaryPath is { } summary)
        {
            try
            {
                File.AppendAllText(summary, markdown + Environment.NewLine);
                outcomes.Add(PublishOutcome.Done("added the report to the job summary"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                outcomes.Add(PublishOutcome.Failed($"could not append to the job summary {summary}: {e.Message}"));
            }
        }
        if (string.IsNullOrEmpty(token))
        {
            outcomes.Add(PublishOutcome.Skipped("no GitHub token (the GitHubToken parameter, GITHUB_TOKEN), so no comment or status was posted"));
            return outcomes;
        }
        var publisher = new GitHubPublisher(run, token);
        outcomes.Add(await publisher.UpsertPullRequestCommentAsync(Marker(run.Workflow, report.Dataset), markdown, cancellationToken));
        var failing = report.Metrics.Where(m => m.Fails).Select(m => m.Metric).ToList();
        outcomes.Add(await publisher.SetCommitStatusAsync(StatusContext(report.Dataset), report.GatePassed,
            report.GatePassed ? "The metric gate passed." : failing.Count > 0 ? $"Regressed: {string.Join(", ", failing)}." : "The metric gate failed.", cancellationToken));
        return outcomes;
    }
}
