using System.Globalization;
using System.Net;
using System.Text;
using Pipeline.Modeling.Configuration;

namespace Pipeline.Modeling.Evaluation;

/// <summary>
/// The metric's history over the dataset's runs as an SVG line chart: F1 and ROC AUC per run (x = run number in
/// training order, dates in the tooltips), this run ringed, and the verified snapshot's value of each as a dashed line.
/// </summary>
public static class HistoryChart
{
    /// <summary>A metric drawn: its name in <see cref="MetricNames"/>, legend label and colour.</summary>
    static readonly (string Metric, string Label, string Color)[] Lines =
        [(MetricNames.F1, "F1", "#2ca02c"), (MetricNames.RocAuc, "ROC AUC", "#1f77b4")];

    const int Width = 560, Height = 330, Left = 56, Right = 110, Top = 48, Bottom = 46;

    /// <summary>The chart of <paramref name="history"/>; one <c>circle class="history-point"</c> per run and metric.</summary>
    public static string Svg(MetricHistory history)
    {
        var runs = history.Runs;
        var values = runs.SelectMany(r => Lines.Select(l => r.Metrics.TryGetValue(l.Metric, out var v) ? v : double.NaN))
            .Concat(Lines.Select(l => history.Snapshot.TryGetValue(l.Metric, out var v) ? v : double.NaN)).Where(double.IsFinite).ToList();
        // The y axis starts at a round tenth below the lowest value, so that differences between runs are visible.
        var low = values.Count == 0 ? 0 : Math.Clamp(Math.Floor((values.Min() - 0.02) * 10) / 10, 0, 0.9);
        const double high = 1;
        double plotWidth = Width - Left - Right, plotHeight = Height - Top - Bottom;
        string X(int index) => F(Left + (runs.Count <= 1 ? 0.5 : (double)index / (runs.Count - 1)) * plotWidth);
        string Y(double value) => F(Height - Bottom - Math.Clamp((value - low) / (high - low), 0, 1) * plotHeight);

        var title = "F1 and ROC AUC over the dataset's runs";
        var svg = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{E(title)}\">")
            .Append($"<text x=\"{(Left + Width - Right) / 2}\" y=\"16\" text-anchor=\"middle\" font-weight=\"bold\" font-size=\"14\">{E(title)}</text>")
            .Append($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{F(plotWidth)}\" height=\"{F(plotHeight)}\" fill=\"none\" stroke=\"#888\"/>");
        for (var k = 0; k <= 4; k++)
        {
            var value = low + k * (high - low) / 4;
            svg.Append($"<text x=\"{Left - 5}\" y=\"{Y(value)}\" font-size=\"11\" text-anchor=\"end\" dominant-baseline=\"middle\">{value.ToString("0.00#", CultureInfo.InvariantCulture)}</text>");
            if (k is > 0 and < 4) svg.Append($"<line x1=\"{Left}\" y1=\"{Y(value)}\" x2=\"{F(Left + plotWidth)}\" y2=\"{Y(value)}\" stroke=\"#eee\"/>");
        }
        var tickEvery = Math.Max(1, (int)Math.Ceiling(runs.Count / 10.0));
        for (var i = 0; i < runs.Count; i++)
            if (i % tickEvery == 0 || i == runs.Count - 1)
                svg.Append($"<text x=\"{X(i)}\" y=\"{Height - Bottom + 14}\" font-size=\"11\" text-anchor=\"middle\">{i + 1}</text>");
        svg.Append($"<text x=\"{F(Left + plotWidth / 2)}\" y=\"{Height - 8}\" text-anchor=\"middle\" font-size=\"12\">run number (oldest first; dates in the tooltips)</text>");
        svg.Append($"<text x=\"14\" y=\"{F(Top + plotHeight / 2)}\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 14 {F(Top + plotHeight / 2)})\">held-out metric (0–1)</text>");

        var legendX = Left;
        foreach (var (metric, label, color) in Lines)
        {
            if (history.Snapshot.TryGetValue(metric, out var snapshot) && double.IsFinite(snapshot))
            {
                svg.Append($"<line class=\"history-snapshot\" x1=\"{Left}\" y1=\"{Y(snapshot)}\" x2=\"{F(Left + plotWidth)}\" y2=\"{Y(snapshot)}\" stroke=\"{color}\" stroke-dasharray=\"5 3\"><title>verified snapshot {E(label)}: {N(snapshot)}</title></line>");
                svg.Append($"<text x=\"{F(Left + plotWidth + 4)}\" y=\"{Y(snapshot)}\" font-size=\"10\" fill=\"{color}\" dominant-baseline=\"middle\">snapshot {N(snapshot)}</text>");
            }
            var points = runs.Select((r, i) => (r, i)).Where(p => p.r.Metrics.TryGetValue(metric, out var v) && double.IsFinite(v)).ToList();
            if (points.Count > 1)
                svg.Append($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{string.Join(" ", points.Select(p => $"{X(p.i)},{Y(p.r.Metrics[metric])}"))}\"/>");
            foreach (var (run, i) in points)
            {
                var current = run.RunId == history.CurrentRunId;
                svg.Append($"<circle class=\"history-point\" data-metric=\"{metric}\" cx=\"{X(i)}\" cy=\"{Y(run.Metrics[metric])}\" r=\"{(current ? 5 : 3)}\" fill=\"{(current ? "#fff" : color)}\" stroke=\"{color}\" stroke-width=\"2\">")
                    .Append($"<title>run {i + 1}: {E(run.RunId)}, {run.Started.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}{(current ? " (this run)" : "")}: {E(label)} {N(run.Metrics[metric])}</title></circle>");
            }
            svg.Append($"<rect x=\"{legendX}\" y=\"30\" width=\"12\" height=\"4\" fill=\"{color}\"/><text x=\"{legendX + 16}\" y=\"36\" font-size=\"11\">{E(label)}</text>");
            legendX += 28 + 7 * label.Length;
        }
        svg.Append($"<circle cx=\"{legendX + 5}\" cy=\"32\" r=\"4\" fill=\"#fff\" stroke=\"#555\" stroke-width=\"2\"/><text x=\"{legendX + 14}\" y=\"36\" font-size=\"11\">this run</text>")
            .Append($"<line x1=\"{legendX + 74}\" y1=\"32\" x2=\"{legendX + 92}\" y2=\"32\" stroke=\"#555\" stroke-dasharray=\"5 3\"/><text x=\"{legendX + 96}\" y=\"36\" font-size=\"11\">verified snapshot</text>");
        return svg.Append("</svg>").ToString();
    }

    static string N(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    static string E(string text) => WebUtility.HtmlEncode(text);
}
