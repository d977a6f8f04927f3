using System.Globalization;
using System.Text;
using System.Text.Json;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Validation;

/// <summary>Writes a validation report as <c>report.json</c> (for machines), <c>report.md</c> and <c>report.html</c> (for people).</summary>
public static class ValidationReportWriter
{
    /// <summary>Writes the three files into <paramref name="directory"/>; returns the paths of the JSON and Markdown (the HTML page is <see cref="HtmlFileName"/> beside them).</summary>
    public static (string Json, string Markdown) Write(ValidationReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var json = Path.Combine(directory, "report.json");
        var markdown = Path.Combine(directory, "report.md");
        File.WriteAllText(json, JsonSerializer.Serialize(report, SpecJson.Options) + "\n");
        File.WriteAllText(markdown, ToMarkdown(report));
        File.WriteAllText(Path.Combine(directory, HtmlFileName), ValidationReportHtml.Render(report));
        return (json, markdown);
    }

    /// <summary>The file name of the report's HTML page inside its folder.</summary>
    public const string HtmlFileName = "report.html";

    /// <summary>The report as Markdown.</summary>
    public static string ToMarkdown(ValidationReport report)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine($"# Data validation: {report.Dataset} — {(report.Passed ? "PASSED" : "FAILED")}").AppendLine();
        text.AppendLine($"- Source: `{report.Source}`");
        text.AppendLine($"- Rows: {report.Rows.ToString("N0", c)}");
        text.AppendLine($"- SHA-256: `{report.ContentHash ?? "(not read to the end)"}`");
        text.AppendLine($"- Reviewed schema: {(report.Schema is null ? "none" : $"`{report.Schema}`")}");
        if (report.PositiveFraction is { } p)
            text.AppendLine($"- Positive label share: {(p * 100).ToString("0.##", c)} %");
        text.AppendLine($"- Errors: {report.Errors}, warnings: {report.Warnings}, notes: {report.Anomalies.Count(a => a.Severity == Severity.Info)}").AppendLine();

        text.AppendLine("## Anomalies").AppendLine();
        if (report.Anomalies.Count == 0) text.AppendLine("None.");
        else
        {
            text.AppendLine("| severity | kind | column | count | message |").AppendLine("|---|---|---|---:|---|");
            foreach (var a in report.Anomalies)
                text.AppendLine($"| {a.Severity.ToString().ToLowerInvariant()} | {a.Kind}{(a.Rule is null ? "" : $" ({a.Rule})")} | {Cell(a.Column)} | {a.Count.ToString("N0", c)} | {Cell(a.Message)} |");
            foreach (var a in report.Anomalies.Where(a => a.Examples.Count > 1))
            {
                text.AppendLine().AppendLine($"Examples of {a.Kind}{(a.Column is null ? "" : $" in `{a.Column}`")}{(a.Rule is null ? "" : $" ({a.Rule})")}, lines {string.Join(", ", a.Examples.Select(e => e.Line))}:").AppendLine();
                foreach (var e in a.Examples)
                    text.AppendLine($"- {e.Message}");
            }
        }
        text.AppendLine().AppendLine("## Leakage").AppendLine();
        text.AppendLine("| column | leakage | excluded | single-column F1 | flag precision | flag coverage | evidence |").AppendLine("|---|---|---|---:|---:|---:|---|");
        foreach (var l in report.Leakage)
            text.AppendLine($"| {Cell(l.Column)} | {(l.IsLeakage ? "**yes**" : "no")} | {(l.Excluded ? "yes" : "no")} | {l.SingleColumnF1.ToString("0.###", c)} | {l.FlagPrecision?.ToString("0.###", c) ?? ""} | {l.FlagCoverage?.ToString("0.###", c) ?? ""} | {Cell(l.Evidence)} |");
        text.AppendLine().AppendLine("## Columns").AppendLine();
        text.AppendLine("| column | role | type | valid | min | max | mean | sd | distinct | values |").AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var s in report.Columns)
        {
            var values = s.Frequencies is { } f ? string.Join(", ", f.Select(kv => $"{kv.Key} {(kv.Value * 100).ToString("0.#", c)} %"))
                : s.TrueFraction is { } t ? $"true {(t * 100).ToString("0.##", c)} %" : "";
            text.AppendLine($"| {Cell(s.Name)} | {s.Role.ToString().ToLowerInvariant()} | {s.Type.ToString().ToLowerInvariant()} | {s.Valid.ToString("N0", c)} | {N(s.Min)} | {N(s.Max)} | {N(s.Mean)} | {N(s.StandardDeviation)} | {s.Distinct?.ToString(c) ?? ""} | {values} |");
        }
        return text.ToString();
    }

    private static string N(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "";

    private static string Cell(string? text) => (text ?? "").Replace("|", "\\|").Replace("\n", " ");
}
