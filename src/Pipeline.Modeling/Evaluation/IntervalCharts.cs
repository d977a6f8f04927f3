using System.Globalization;
using System.Net;
using System.Text;

namespace Pipeline.Modeling.Evaluation;

/// <summary>
/// Estimates with intervals as horizontal SVG rows: a dot (or bar) at the estimate, a whisker over its interval, and a
/// zero line; for permutation importance per field and for champion vs challenger's metric difference.
/// </summary>
public static class IntervalCharts
{
    /// <summary>One row: a label, the estimate and its interval.</summary>
    public sealed record Row(string Label, double Estimate, double Lower, double Upper);

    const int MaxLabel = 30, RowHeight = 22, PlotWidth = 320, Top = 40, Bottom = 44, Right = 70;

    /// <summary>Permutation importance: a bar per field (mean drop of the metric) with its interval over the repeats.</summary>
    public static string Importance(PermutationImportance importance) =>
        Rows($"Permutation importance (drop in {MetricLabel(importance.Metric)})", $"drop in held-out {MetricLabel(importance.Metric)} when the field is shuffled",
            importance.Fields.Select(f => new Row(f.Field, f.MeanDrop, f.Lower, f.Upper)).ToList(), bars: true, markers: []);

    /// <summary>Champion vs challenger: the observed difference of the primary metric, its bootstrap interval and the margin it must clear.</summary>
    public static string Difference(PromotionRecord promotion) =>
        Rows($"Challenger − champion: {MetricLabel(promotion.Metric)}", $"improvement in {MetricLabel(promotion.Metric)} (positive: the challenger is better)",
            [new Row($"{(promotion.Confidence * 100).ToString("0.#", CultureInfo.InvariantCulture)} % interval", promotion.Difference,
                promotion.Lower ?? double.NaN, promotion.Upper ?? double.NaN)],
            bars: false, markers: [(promotion.Margin, $"margin {promotion.Margin.ToString("0.####", CultureInfo.InvariantCulture)}")]);

    static string Rows(string title, string axisLabel, IReadOnlyList<Row> rows, bool bars, IReadOnlyList<(double Value, string Label)> markers)
    {
        var finite = rows.SelectMany(r => new[] { r.Estimate, r.Lower, r.Upper }).Concat(markers.Select(m => m.Value)).Where(double.IsFinite).Append(0).ToList();
        var (low, high) = (finite.Min(), finite.Max());
        var pad = Math.Max(1e-6, (high - low) * 0.08);
        (low, high) = (low < 0 ? low - pad : 0, high + pad);
        var labelWidth = 12 + 7 * Math.Min(MaxLabel, rows.Select(r => r.Label.Length).DefaultIfEmpty(8).Max());
        var width = labelWidth + PlotWidth + Right;
        var height = Top + RowHeight * Math.Max(1, rows.Count) + Bottom;
        double Px(double value) => labelWidth + (Math.Clamp(value, low, high) - low) / (high - low) * PlotWidth;
        string X(double value) => F(Px(value));
        var axis = Top + RowHeight * Math.Max(1, rows.Count);

        var svg = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{E(title)}\">")
            .Append($"<text x=\"{width / 2}\" y=\"16\" text-anchor=\"middle\" font-weight=\"bold\" font-size=\"14\">{E(title)}</text>")
            .Append($"<line x1=\"{labelWidth}\" y1=\"{axis}\" x2=\"{labelWidth + PlotWidth}\" y2=\"{axis}\" stroke=\"#888\"/>")
            .Append($"<line x1=\"{X(0)}\" y1=\"{Top - 6}\" x2=\"{X(0)}\" y2=\"{axis}\" stroke=\"#555\"/>");
        foreach (var tick in Ticks(low, high))
            svg.Append($"<line x1=\"{X(tick)}\" y1=\"{axis}\" x2=\"{X(tick)}\" y2=\"{axis + 4}\" stroke=\"#888\"/><text x=\"{X(tick)}\" y=\"{axis + 16}\" font-size=\"11\" text-anchor=\"middle\">{Tick(tick)}</text>");
        foreach (var (value, label) in markers)
            svg.Append($"<line x1=\"{X(value)}\" y1=\"{Top - 6}\" x2=\"{X(value)}\" y2=\"{axis}\" stroke=\"#d62728\" stroke-dasharray=\"4 3\"/><text x=\"{X(value)}\" y=\"{Top - 9}\" font-size=\"11\" fill=\"#d62728\" text-anchor=\"middle\">{E(label)}</text>");
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = Top + i * RowHeight + RowHeight / 2;
            var label = row.Label.Length > MaxLabel ? row.Label[..(MaxLabel - 1)] + "…" : row.Label;
            var interval = double.IsFinite(row.Lower) ? $" [{Tick(row.Lower)}, {Tick(row.Upper)}]" : " (no interval)";
            svg.Append($"<g class=\"interval-row\"><title>{E(row.Label)}: {Tick(row.Estimate)}{interval}</title>")
                .Append($"<text x=\"{labelWidth - 6}\" y=\"{y}\" font-size=\"12\" text-anchor=\"end\" dominant-baseline=\"middle\">{E(label)}</text>");
            if (bars && double.IsFinite(row.Estimate))
            {
                var (from, to) = (Math.Min(0, row.Estimate), Math.Max(0, row.Estimate));
                svg.Append($"<rect x=\"{X(from)}\" y=\"{y - 7}\" width=\"{F(Math.Max(1, Px(to) - Px(from)))}\" height=\"14\" fill=\"#9ecae1\"/>");
            }
            if (double.IsFinite(row.Lower) && double.IsFinite(row.Upper))
                svg.Append($"<line class=\"interval\" x1=\"{X(row.Lower)}\" y1=\"{y}\" x2=\"{X(row.Upper)}\" y2=\"{y}\" stroke=\"#333\" stroke-width=\"1.5\"/>")
                    .Append($"<line x1=\"{X(row.Lower)}\" y1=\"{y - 5}\" x2=\"{X(row.Lower)}\" y2=\"{y + 5}\" stroke=\"#333\"/><line x1=\"{X(row.Upper)}\" y1=\"{y - 5}\" x2=\"{X(row.Upper)}\" y2=\"{y + 5}\" stroke=\"#333\"/>");
            if (double.IsFinite(row.Estimate))
                svg.Append($"<circle cx=\"{X(row.Estimate)}\" cy=\"{y}\" r=\"3.5\" fill=\"#08519c\"/>")
                    .Append($"<text x=\"{F(labelWidth + PlotWidth + 6)}\" y=\"{y}\" font-size=\"11\" dominant-baseline=\"middle\">{Tick(row.Estimate)}</text>");
            svg.Append("</g>");
        }
        svg.Append($"<text x=\"{labelWidth + PlotWidth / 2}\" y=\"{height - 10}\" text-anchor=\"middle\" font-size=\"12\">{E(axisLabel)}</text>");
        return svg.Append("</svg>").ToString();
    }

    // Four or five round ticks across [low, high].
    static IEnumerable<double> Ticks(double low, double high)
    {
        var raw = (high - low) / 4;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * power).First(s => s >= raw);
        for (var t = Math.Ceiling(low / step) * step; t <= high + step * 1e-9; t += step)
            yield return Math.Abs(t) < step * 1e-9 ? 0 : t;
    }

    internal static string MetricLabel(string metric) => metric switch
    {
        Configuration.MetricNames.F1 => "F1",
        Configuration.MetricNames.RocAuc => "ROC AUC",
        Configuration.MetricNames.PrAuc => "PR AUC",
        Configuration.MetricNames.LogLoss => "log-loss",
        _ => metric,
    };

    static string Tick(double value) => double.IsFinite(value)
        ? value.ToString(Math.Abs(value) >= 0.1 || value == 0 ? "0.###" : "0.####", CultureInfo.InvariantCulture)
        : "n/a";

    static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    static string E(string text) => WebUtility.HtmlEncode(text);
}
