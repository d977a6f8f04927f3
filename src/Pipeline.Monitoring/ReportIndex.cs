using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Pipeline.Data.Reports;
using Pipeline.Data.Specs;
using Pipeline.Data.Validation;
using Pipeline.Modeling.Cards;
using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Steps;

namespace Pipeline.Monitoring;

/// <summary>How a report's verdict reads at a glance.</summary>
public enum ReportStatus
{
    /// <summary>Passed, no drift.</summary>
    Good,
    /// <summary>Passed with warnings, or nothing to judge.</summary>
    Note,
    /// <summary>Failed, or drift found.</summary>
    Bad,
}

/// <summary>One report page the index links.</summary>
/// <param name="Dataset">The dataset (its artifacts folder).</param>
/// <param name="Report">Which report (validation, evaluation, drift, model card).</param>
/// <param name="Page">The page, relative to artifacts/ with '/' separators.</param>
/// <param name="WrittenUtc">When the page was written.</param>
/// <param name="Verdict">Its verdict in a few words.</param>
/// <param name="Status">How the verdict reads.</param>
public sealed record IndexedReport(string Dataset, string Report, string Page, DateTimeOffset WrittenUtc, string Verdict, ReportStatus Status);

/// <summary>
/// artifacts/index.html: every dataset's latest validation, evaluation, drift and model-card pages with their dates
/// and verdicts. Rebuilt from what is on disk (every artifacts/&lt;dataset&gt;/ folder) by each target that writes a
/// report, so datasets never overwrite each other's entries.
/// </summary>
public static class ReportIndex
{
    static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Rebuilds the index of the repository at <paramref name="rootDirectory"/>; returns its path.</summary>
    public static string Write(string rootDirectory)
    {
        var path = new Workspace(rootDirectory, "_").ReportIndexPath;
        var reports = Scan(rootDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, ToHtml(reports, DateTimeOffset.UtcNow));
        return path;
    }

    /// <summary>The report pages under artifacts/*/, ordered by dataset and report.</summary>
    public static IReadOnlyList<IndexedReport> Scan(string rootDirectory)
    {
        var artifacts = new Workspace(rootDirectory, "_").ArtifactsDirectory;
        if (!Directory.Exists(artifacts)) return [];
        return Directory.EnumerateDirectories(artifacts).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)
            .SelectMany(dataset => Of(new Workspace(rootDirectory, dataset)))
            .ToList();
    }

    static IEnumerable<IndexedReport> Of(Workspace workspace)
    {
        if (File.Exists(workspace.ValidationReportHtmlPath))
        {
            var report = TryReadValidation(workspace.ValidationReportJsonPath);
            yield return Entry(workspace, "validation", workspace.ValidationReportHtmlPath, report switch
            {
                null => ("report.json unreadable", ReportStatus.Note),
                { Passed: false } => ($"failed: {report.Errors} error(s), {report.Warnings} warning(s)", ReportStatus.Bad),
                { Warnings: > 0 } => ($"passed, {report.Warnings} warning(s)", ReportStatus.Note),
                _ => ($"passed, {report.Rows.ToString("N0", C)} rows", ReportStatus.Good),
            });
        }
        if (File.Exists(workspace.ReportPath))
        {
            var evaluation = EvaluationRecord.TryRead(workspace.MetricsPath);
            yield return Entry(workspace, "evaluation", workspace.ReportPath, evaluation is null
                ? ("metrics.json unreadable", ReportStatus.Note)
                : ($"gate {(evaluation.GatePassed ? "passed" : "failed")}{Figure(evaluation, "f1", "F1")}{Figure(evaluation, "rocAuc", "ROC AUC")}",
                    evaluation.GatePassed ? ReportStatus.Good : ReportStatus.Bad));
        }
        if (File.Exists(workspace.DriftReportHtmlPath))
        {
            var drift = DriftVerdict.TryRead(workspace.DriftReportJsonPath);
            yield return Entry(workspace, "drift", workspace.DriftReportHtmlPath, drift is null
                ? ("report.json unreadable", ReportStatus.Note)
                : (drift.ToString(), drift.DriftDetected ? ReportStatus.Bad : ReportStatus.Good));
        }
        if (File.Exists(workspace.ModelCardHtmlPath))
        {
            var card = RenderedCard.TryRead(workspace.RenderedCardPath);
            yield return Entry(workspace, "model card", workspace.ModelCardHtmlPath, card is null
                ? ("card.json unreadable", ReportStatus.Note)
                : ($"v{card.Version}{(card.Stage is { } s ? ", " + s.ToString().ToLowerInvariant() : "")}; drift: {card.Drift}",
                    card.Drift.StartsWith("drift", StringComparison.Ordinal) ? ReportStatus.Bad : ReportStatus.Good));
        }
    }

    static IndexedReport Entry(Workspace workspace, string report, string page, (string Verdict, ReportStatus Status) verdict) =>
        new(workspace.Dataset, report, Path.GetRelativePath(workspace.ArtifactsDirectory, page).Replace(Path.DirectorySeparatorChar, '/'),
            File.GetLastWriteTimeUtc(page), verdict.Verdict, verdict.Status);

    static string Figure(EvaluationRecord evaluation, string metric, string label) =>
        evaluation.Metrics.TryGetValue(metric, out var value) ? $", {label} {value.ToString("0.###", C)}" : "";

    static ValidationReport? TryReadValidation(string path)
    {
        try { return File.Exists(path) ? JsonSerializer.Deserialize<ValidationReport>(File.ReadAllText(path), SpecJson.Options) : null; }
        catch (JsonException) { return null; }
    }

    /// <summary>The index page of <paramref name="reports"/>, written at <paramref name="now"/>.</summary>
    public static string ToHtml(IReadOnlyList<IndexedReport> reports, DateTimeOffset now)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>").AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .AppendLine("<title>Reports</title>")
            .Append("<style>").Append(ReportHtml.Style)
            .AppendLine(".good{color:#1a7f37}.note{color:#9a6700}.bad{color:#cf222e;font-weight:600}</style></head><body>")
            .AppendLine("<h1>Reports</h1>")
            .Append("<p class=\"summary\">The latest report of each kind per dataset, rebuilt from artifacts/ at ")
            .Append(Date(now)).AppendLine(".</p>");
        if (reports.Count == 0)
            html.AppendLine("<p>No reports yet: run ./build.sh ValidateData, Evaluate, Register or CheckDrift.</p>");
        foreach (var dataset in reports.GroupBy(r => r.Dataset))
        {
            html.Append("<section><h2>").Append(E(dataset.Key)).AppendLine("</h2>");
            html.Append("<div class=\"table\"><table><thead><tr><th>report</th><th>written</th><th>verdict</th></tr></thead><tbody>");
            foreach (var report in dataset)
                html.Append("<tr><td><a href=\"").Append(E(Uri.EscapeDataString(report.Page).Replace("%2F", "/"))).Append("\">").Append(E(report.Report)).Append("</a></td>")
                    .Append("<td class=\"n\">").Append(Date(report.WrittenUtc)).Append("</td>")
                    .Append("<td class=\"").Append(report.Status.ToString().ToLowerInvariant()).Append("\">").Append(E(report.Verdict)).AppendLine("</td></tr>");
            html.AppendLine("</tbody></table></div></section>");
        }
        return html.AppendLine("</body></html>").ToString();
    }

    static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", C);

    static string E(string text) => WebUtility.HtmlEncode(text);
}
