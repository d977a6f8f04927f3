using System.Globalization;
using Pipeline.Data.Reports;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Validation;

/// <summary>A validation report as a page for people (<c>report.html</c>, self-contained): verdict, anomalies, leakage, columns.</summary>
public static class ValidationReportHtml
{
    static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The report as an HTML page.</summary>
    public static string Render(ValidationReport report) => ReportHtml.Render(Document(report));

    /// <summary>The report as a format-free document.</summary>
    public static ReportDocument Document(ValidationReport report)
    {
        var summary = $"{(report.Passed ? "Passed" : "Failed")}: {report.Errors} error(s), {report.Warnings} warning(s), "
            + $"{report.Anomalies.Count(a => a.Severity == Severity.Info)} note(s) in {report.Rows.ToString("N0", C)} rows.";
        var facts = new List<IReadOnlyList<string>>
        {
            new[] { "Source", report.Source },
            new[] { "Rows", report.Rows.ToString("N0", C) },
            new[] { "SHA-256", report.ContentHash ?? "(not read to the end)" },
            new[] { "Reviewed schema", report.Schema ?? "none" },
        };
        if (report.PositiveFraction is { } p) facts.Add(["Positive label share", (p * 100).ToString("0.##", C) + " %"]);
        return new ReportDocument($"Data validation: {report.Dataset}", summary,
        [
            new ReportSection("Data", [new ReportTable(["", ""], facts, [])]),
            new ReportSection("Anomalies", report.Anomalies.Count == 0
                ? [new ReportParagraph("None.")]
                : [new ReportTable(["severity", "kind", "column", "count", "message"], report.Anomalies.Select(a => (IReadOnlyList<string>)
                    [a.Severity.ToString().ToLowerInvariant(), a.Kind + (a.Rule is null ? "" : $" ({a.Rule})"), a.Column ?? "", a.Count.ToString("N0", C), a.Message]).ToList(), [3])]),
            new ReportSection("Leakage", [new ReportTable(["column", "leakage", "excluded", "single-column F1", "flag precision", "flag coverage", "evidence"],
                report.Leakage.Select(l => (IReadOnlyList<string>)[l.Column, l.IsLeakage ? "yes" : "no", l.Excluded ? "yes" : "no", l.SingleColumnF1.ToString("0.###", C),
                    N(l.FlagPrecision), N(l.FlagCoverage), l.Evidence]).ToList(), [3, 4, 5])]),
            new ReportSection("Columns", [new ReportTable(["column", "role", "type", "valid", "min", "max", "mean", "sd", "distinct", "values"],
                report.Columns.Select(s => (IReadOnlyList<string>)[s.Name, s.Role.ToString().ToLowerInvariant(), s.Type.ToString().ToLowerInvariant(), s.Valid.ToString("N0", C),
                    N(s.Min), N(s.Max), N(s.Mean), N(s.StandardDeviation), s.Distinct?.ToString(C) ?? "", Values(s)]).ToList(), [3, 4, 5, 6, 7, 8])]),
        ]);
    }

    static string Values(ColumnSummary s) =>
        s.Frequencies is { } f ? string.Join(", ", f.Select(kv => $"{kv.Key} {(kv.Value * 100).ToString("0.#", C)} %"))
        : s.TrueFraction is { } t ? $"true {(t * 100).ToString("0.##", C)} %" : "";

    static string N(double? value) => value?.ToString("0.###", C) ?? "";
}
