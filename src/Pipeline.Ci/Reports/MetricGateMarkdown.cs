using System.Globalization;
using System.Text;

namespace Pipeline.Ci.Reports;

/// <summary>
/// The pull-request report as GitHub-flavoured Markdown: the same text goes into the pull-request comment, the job
/// summary and <c>artifacts/&lt;dataset&gt;/pr-report.md</c>.
/// </summary>
public static class MetricGateMarkdown
{
    /// <summary>Renders <paramref name="report"/>; <paramref name="marker"/> (an HTML comment) is its first line.</summary>
    public static string Render(MetricGateReport report, string? marker = null, string? runUrl = null)
    {
        var md = new StringBuilder();
        if (marker is not null) md.AppendLine(marker);
        var verdict = report.GatePassed ? "✅ passed" : "❌ failed";
        md.AppendLine($"### Metric gate — `{report.Dataset}`: {verdict}").AppendLine();
        if (report.GateMessage is { } message) md.AppendLine("> " + message.Replace("\n", "\n> ")).AppendLine();

        var hasProduction = report.Metrics.Any(m => m.Production is not null);
        md.Append("| metric | candidate | verified | Δ | tolerance | verdict |");
        if (hasProduction) md.Append(" production | Δ vs production (95 % interval) |");
        md.AppendLine();
        md.Append("|---|---:|---:|---:|---:|---|");
        if (hasProduction) md.Append("---:|---|");
        md.AppendLine();
        foreach (var row in report.Metrics)
        {
            var delta = row.Verified is { } verified ? Signed(row.Candidate - verified) : "";
            md.Append($"| {row.Metric} | {F(row.Candidate)} | {F(row.Verified)} | {delta} | {F(row.Tolerance)} | {(row.Fails ? "**" + row.Verdict + "**" : row.Verdict)} |");
            if (hasProduction)
            {
                var versus = row.Production is { } production
                    ? Signed(row.Candidate - production) + (row.IntervalVsProduction is { } interval ? $" [{Signed(interval.Low)}, {Signed(interval.High)}]{Noise(interval)}" : "")
                    : "";
                md.Append($" {F(row.Production)} | {versus} |");
            }
            md.AppendLine();
        }
        md.AppendLine();

        if (report.Causes.Count > 0)
        {
            md.AppendLine("<details><summary>Per cause (held-out rows)</summary>").AppendLine();
            md.AppendLine("| cause | occurrences | detected | production detected |").AppendLine("|---|---:|---:|---:|");
            foreach (var cause in report.Causes)
                md.AppendLine($"| {Cell(cause.Cause)} | {cause.Occurrences} | {cause.Detected} | {(cause.ProductionDetected?.ToString(CultureInfo.InvariantCulture) ?? "")} |");
            md.AppendLine().AppendLine("</details>").AppendLine();
        }
        if (report.WorstSlices.Count > 0)
        {
            md.AppendLine("<details><summary>Worst slices</summary>").AppendLine();
            md.AppendLine("| slice | rows | positives | metric | candidate | verified | Δ |").AppendLine("|---|---:|---:|---|---:|---:|---:|");
            foreach (var slice in report.WorstSlices)
                md.AppendLine($"| {Cell(slice.Slice)} | {slice.Rows} | {slice.Positives} | {slice.Metric} | {F(slice.Candidate)} | {F(slice.Verified)} | " +
                    $"{(slice.Candidate is { } c && slice.Verified is { } v ? Signed(c - v) : "")} |");
            md.AppendLine().AppendLine("</details>").AppendLine();
        }
        if (report.InputChanges.Count > 0)
        {
            md.AppendLine("**What changed:**");
            foreach (var change in report.InputChanges) md.AppendLine("- " + change);
            md.AppendLine();
        }
        if (report.DriftSummary is { } drift) md.AppendLine("**Latest drift check:** " + drift).AppendLine();
        foreach (var detail in report.Details) md.AppendLine("<sub>" + detail + "</sub><br>");
        if (runUrl is not null) md.AppendLine($"<sub>[The run]({runUrl})</sub>");
        return md.ToString();
    }

    // An interval that holds zero is what noise looks like; say so, so a reviewer does not read a wiggle as a change.
    private static string Noise((double Low, double High) interval) => interval.Low <= 0 && interval.High >= 0 ? " (noise)" : "";

    private static string F(double? value) => value is { } v ? (double.IsNaN(v) ? "n/a" : v.ToString("F4", CultureInfo.InvariantCulture)) : "";

    private static string Signed(double value) => double.IsNaN(value) ? "n/a" : value.ToString("+0.0000;−0.0000;±0.0000", CultureInfo.InvariantCulture);

    private static string Cell(string text) => text.Replace("|", "\\|");
}
