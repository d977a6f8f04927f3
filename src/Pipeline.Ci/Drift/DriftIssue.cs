using System.Globalization;
using System.Text;
using Pipeline.Ci.GitHub;
using Pipeline.Monitoring;

namespace Pipeline.Ci.Drift;

/// <summary>
/// The scheduled drift check's voice on GitHub: one issue per dataset (found by a hidden marker), opened or updated
/// while drift lasts, with the drifted features and a link to the run, and closed when a later check finds none.
/// </summary>
public static class DriftIssue
{
    /// <summary>The hidden first line that identifies a dataset's drift issue.</summary>
    public static string Marker(string dataset) => $"<!-- pipeline:drift dataset=\"{dataset}\" -->";

    /// <summary>The issue's body for a check that found drift.</summary>
    public static string Body(string dataset, DriftResult result, string? runUrl)
    {
        var text = new StringBuilder();
        text.AppendLine(Marker(dataset));
        text.AppendLine($"The scheduled drift check found drift in **{dataset}**: {result.Drifted.Count} of {result.Features.Count} features drifted " +
                        $"({result.CurrentRows:N0} rows of {result.CurrentDescription} against {result.ReferenceRows:N0} reference rows).").AppendLine();
        text.AppendLine("| feature | PSI | threshold | drifted |").AppendLine("|---|---:|---:|---|");
        foreach (var feature in result.Features.OrderByDescending(f => f.Psi))
            text.AppendLine($"| {feature.Column.Replace("|", "\\|")} | {F(feature.Psi)} | {F(feature.Threshold)} | {(feature.Drifted ? "**yes**" : "no")} |");
        if (result.Score is { } score) text.AppendLine().AppendLine($"The production model's score: PSI {F(score.Psi)} (threshold {F(score.Threshold)}).");
        if (runUrl is not null) text.AppendLine().AppendLine($"[The run]({runUrl})");
        text.AppendLine().AppendLine("This issue is updated by each check while drift lasts and closed by the first check that finds none.");
        return text.ToString();
    }

    /// <summary>Opens or updates the issue when <paramref name="result"/> found drift, closes it otherwise.</summary>
    public static Task<PublishOutcome> PublishAsync(string dataset, DriftResult result, GitHubRunContext run, string token, CancellationToken cancellationToken = default)
    {
        var publisher = new GitHubPublisher(run, token);
        return result.DriftDetected
            ? publisher.OpenOrUpdateIssueAsync(Marker(dataset), $"Drift in {dataset}: {string.Join(", ", result.Drifted.Select(f => f.Column))}", Body(dataset, result, run.RunUrl), cancellationToken)
            : publisher.CloseIssueAsync(Marker(dataset), $"No drift in the latest check ({result.CurrentRows:N0} rows of {result.CurrentDescription})" +
                (run.RunUrl is null ? "." : $": [the run]({run.RunUrl})."), cancellationToken);
    }

    static string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
