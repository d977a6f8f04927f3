using System.Globalization;
using System.Net;
using System.Text;

namespace Pipeline.Monitoring;

/// <summary>
/// The drift check as one self-contained HTML page (no scripts, styles or images from elsewhere): the verdict, a
/// table of every feature (drifted ones first), and per feature an inline SVG of the reference and current shares per
/// bin as grouped bars; the model score's drift when it was checked.
/// </summary>
public static class DriftReport
{
    private const string ReferenceColour = "#4c78a8";
    private const string CurrentColour = "#f58518";

    /// <summary>Renders <paramref name="result"/> as HTML.</summary>
    public static string ToHtml(DriftResult result)
    {
        var ordered = result.Features.OrderByDescending(f => f.Drifted).ThenByDescending(f => f.Psi).ToList();
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Data drift report</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}
            table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 8px;text-align:right}
            th:first-child,td:first-child,td.text{text-align:left}tr.drifted td{background:#fde2e1}
            .verdict{font-size:1.2em;font-weight:bold}.drift{color:#b00}.ok{color:#070}
            section{margin:1.5em 0;padding:0.5em 1em;border-left:4px solid #ccc}section.drifted{border-left-color:#b00}
            .legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:middle}
            </style></head><body>
            <h1>Data drift report</h1>

            """);
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"verdict {(result.DriftDetected ? "drift\">Drift detected" : "ok\">No drift")}</p>\n");
        html.Append(CultureInfo.InvariantCulture,
            $"<p>{result.Drifted.Count} of {result.Features.Count} features drifted{(result.Drifted.Count > 0 ? ": " + Encode(string.Join(", ", result.Drifted.Select(f => f.Column))) : "")}; drift is reported when at least {result.Settings.MinimumDriftedFeatures} do.</p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>Reference: {Encode(result.ReferenceDescription)}, {result.ReferenceRows:N0} rows.<br>Current: {Encode(result.CurrentDescription)}, {result.CurrentRows:N0} rows.</p>\n");
        html.Append(CultureInfo.InvariantCulture,
            $"<p>A feature drifted when its population stability index (PSI; numeric features over {result.Settings.Bins} reference-quantile bins) crosses its threshold. Unless set by hand, the threshold is the PSI that a batch of the current size without drift exceeds with probability {Number(result.Settings.FeatureLevel(result.Features.Count))} (resampled from {result.Settings.Resamples:N0} batches of consecutive reference rows), so a batch without drift is reported as drifted with probability {Number(result.Settings.FalseAlarmRate)} over all {result.Features.Count} features. The PSI p-value is the share of those batches that reached the PSI. The Kolmogorov–Smirnov (numeric) and chi-square (categorical) p-values are shown for reference only: they assume independent rows, and with thousands of rows call tiny, harmless shifts significant.</p>\n");
        if (result.Settings.Source is { } source)
            html.Append(CultureInfo.InvariantCulture, $"<p>Settings: {Encode(source)}.</p>\n");

        html.Append("<table><thead><tr><th>column</th><th>n</th><th>PSI</th><th>threshold</th><th>method</th><th>PSI p-value</th><th>test</th><th>statistic</th><th>p-value</th><th>drifted</th></tr></thead><tbody>\n");
        foreach (var feature in ordered.Concat(result.Score is null ? [] : [result.Score]))
            AppendRow(html, feature, feature == result.Score);
        html.Append("</tbody></table>\n");
        html.Append(CultureInfo.InvariantCulture,
            $"<p class=\"legend\">Bars: share of rows per bin<span style=\"background:{ReferenceColour}\"></span>reference<span style=\"background:{CurrentColour}\"></span>current</p>\n");

        if (result.EstimatedPerformance is { } estimate)
            html.Append(CultureInfo.InvariantCulture,
                $"<h2>Estimated performance (no labels needed)</h2>\n<p>Model v{estimate.ModelVersion} at threshold {Number(estimate.Threshold)} on {estimate.Rows:N0} rows, by confidence-based performance estimation (CBPE; 95 % interval): accuracy {Metric(estimate.Accuracy)}, precision {Metric(estimate.Precision)}, recall {Metric(estimate.Recall)}, F1 {Metric(estimate.F1)}.</p>\n<p class=\"{(estimate.Calibration.Trusted ? "ok" : "drift")}\">The estimate {Encode(estimate.Calibration.Verdict)}.</p>\n");
        if (result.ActualPerformance is { } actual)
            html.Append(CultureInfo.InvariantCulture,
                $"<h2>Actual performance</h2>\n<p>Model v{actual.ModelVersion} at threshold {Number(actual.Threshold)} on {actual.Rows:N0} labelled rows ({actual.Positives:N0} positive): accuracy {actual.Accuracy:F4}, precision {actual.Precision:F4}, recall {actual.Recall:F4}, F1 {actual.F1:F4}.</p>\n");
        if (result.LabelDrift is { } labels)
            html.Append(CultureInfo.InvariantCulture,
                $"<h2>Labels</h2>\n<p>Positive rate {labels.CurrentPositiveRate:P2} of {labels.CurrentRows:N0} current rows against {labels.ReferencePositiveRate:P2} of {labels.ReferenceRows:N0} reference rows; chi-square {labels.ChiSquare:G4}, p {PValue(labels.PValue)}: {(labels.Drifted ? "<b class=\"drift\">drifted</b>" : "no drift")}.</p>\n");
        DriftWindowReport.Append(html, result);
        if (result.Score is { } score)
        {
            html.Append("<h2>Model score</h2>\n");
            AppendFeature(html, score, "Prediction drift: reported, but not counted towards the verdict.");
        }
        html.Append("<h2>Features</h2>\n");
        foreach (var feature in ordered)
            AppendFeature(html, feature, null);
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void AppendRow(StringBuilder html, FeatureDrift feature, bool isScore)
    {
        html.Append(CultureInfo.InvariantCulture,
            $"<tr{(feature.Drifted ? " class=\"drifted\"" : "")}><td>{Encode(feature.Column)}{(isScore ? " (prediction)" : "")}</td><td>{feature.Rows:N0}</td><td>{feature.Psi:F4}</td><td>{Number(feature.Threshold)}</td><td class=\"text\">{DriftResult.MethodName(feature.Method)}</td><td>{PValue(feature.PsiPValue)}</td><td class=\"text\">{Encode(feature.Test)}</td><td>{feature.Statistic:G4}</td><td>{PValue(feature.PValue)}</td><td>{(feature.Drifted ? "<b class=\"drift\">yes</b>" : "no")}</td></tr>\n");
    }

    private static void AppendFeature(StringBuilder html, FeatureDrift feature, string? note)
    {
        var statistic = feature.IsNumeric ? "D" : "χ²";
        html.Append(CultureInfo.InvariantCulture,
            $"<section{(feature.Drifted ? " class=\"drifted\"" : "")}><h3>{Encode(feature.Column)}{(feature.Drifted ? " <span class=\"drift\">— drifted</span>" : "")}</h3>\n<p>n {feature.Rows:N0}, PSI {feature.Psi:F4} (threshold {Number(feature.Threshold)}, {DriftResult.MethodName(feature.Method)}; PSI p-value {PValue(feature.PsiPValue)}); {Encode(feature.Test)} {statistic} = {feature.Statistic:G4}, p {(feature.PValue > 0 ? "= " : "")}{PValue(feature.PValue)}.{(note is null ? "" : " " + Encode(note))}</p>\n");
        AppendBars(html, feature);
        html.Append("</section>\n");
    }

    // Grouped bars: per bin, the reference share beside the current share, on a common 0…max scale.
    private static void AppendBars(StringBuilder html, FeatureDrift feature)
    {
        var histogram = feature.Histogram;
        var bins = histogram.Bins.Count;
        const double plotHeight = 160, top = 10;
        var groupWidth = Math.Max(24, Math.Min(70, 640.0 / Math.Max(bins, 1)));
        // Bin labels are drawn at -40°: the chart leaves room below and left for the longest one (about 6 px per
        // character at 10 px), so no label is cut off by the chart's edge.
        var labels = BinLabels.Compact(histogram.Bins);
        var longest = labels.DefaultIfEmpty("").Max(l => l.Length) * 6.0;
        var labelSpace = Math.Max(90, longest * Math.Sin(40 * Math.PI / 180) + 24);
        var left = Math.Max(44, longest * Math.Cos(40 * Math.PI / 180) - groupWidth / 2 + 4);
        var width = left + bins * groupWidth + 10;
        var height = top + plotHeight + labelSpace;
        var max = Math.Max(histogram.ReferenceShare.Concat(histogram.CurrentShare).DefaultIfEmpty(0).Max(), 1e-9);
        var axis = top + plotHeight;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:F0}\" height=\"{height:F0}\" viewBox=\"0 0 {width:F0} {height:F0}\" role=\"img\" aria-label=\"{Encode(feature.Column)}: reference and current share per bin\" font-size=\"10\">\n");
        foreach (var fraction in new[] { 0.0, 0.5, 1.0 })
        {
            var y = axis - fraction * plotHeight;
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{left:F1}\" y1=\"{y:F1}\" x2=\"{width - 10:F1}\" y2=\"{y:F1}\" stroke=\"#ddd\"/><text x=\"{left - 4:F1}\" y=\"{y + 3:F1}\" text-anchor=\"end\">{fraction * max:P0}</text>\n");
        }
        for (var b = 0; b < bins; b++)
        {
            var x = left + b * groupWidth;
            var barWidth = (groupWidth - 6) / 2;
            AppendBar(svg, x + 3, barWidth, histogram.ReferenceShare[b], max, plotHeight, axis, ReferenceColour, $"{histogram.Bins[b]}: reference {histogram.ReferenceShare[b]:P1}");
            AppendBar(svg, x + 3 + barWidth, barWidth, histogram.CurrentShare[b], max, plotHeight, axis, CurrentColour, $"{histogram.Bins[b]}: current {histogram.CurrentShare[b]:P1}");
            var labelX = x + groupWidth / 2;
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{labelX:F1}\" y=\"{axis + 12:F1}\" text-anchor=\"end\" transform=\"rotate(-40 {labelX:F1} {axis + 12:F1})\">{Encode(labels[b])}</text>\n");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left:F1}\" y1=\"{axis:F1}\" x2=\"{width - 10:F1}\" y2=\"{axis:F1}\" stroke=\"#555\"/>\n</svg>\n");
        html.Append(svg);
    }


    private static void AppendBar(StringBuilder svg, double x, double width, double share, double max, double plotHeight, double axis, string colour, string title)
    {
        var height = share / max * plotHeight;
        svg.Append(CultureInfo.InvariantCulture,
            $"<rect x=\"{x:F1}\" y=\"{axis - height:F1}\" width=\"{width:F1}\" height=\"{height:F1}\" fill=\"{colour}\"><title>{Encode(title)}</title></rect>\n");
    }

    // A p-value that underflows is shown as a bound, not as an impossible 0.
    private static string PValue(double p) =>
        p > 0 ? p.ToString("G3", CultureInfo.InvariantCulture) : "&lt; 1E-300";

    private static string Metric(EstimatedMetric metric) =>
        string.Create(CultureInfo.InvariantCulture, $"{metric.Estimate:F4} [{metric.Low:F4}, {metric.High:F4}]");

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("G4", CultureInfo.InvariantCulture) : "∞";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
