using System.Globalization;
using System.Net;
using System.Text;

namespace Pipeline.Modeling.Evaluation;

/// <summary>
/// The evaluation report's line and bar charts as self-contained SVG: axis labels with units, a legend, a marked
/// operating point, labels shortened (with the full text as a tooltip) rather than cropped.
/// </summary>
public static class ReportCharts
{
    /// <summary>One line of a chart.</summary>
    /// <param name="Name">Its legend entry.</param>
    /// <param name="Color">A CSS colour.</param>
    /// <param name="Points">Its points, in x order.</param>
    /// <param name="Dots">True to draw a dot at every point (few points, e.g. calibration bins).</param>
    public sealed record Series(string Name, string Color, IReadOnlyList<ReportCurves.Point> Points, bool Dots = false);

    const int Width = 440, Height = 330, Left = 56, Right = 16, Top = 48, Bottom = 46;

    /// <summary>
    /// Lines over x ∈ [0, 1] and y ∈ [0, <paramref name="yMax"/>] (rounded up from the data when null), with an optional
    /// dashed diagonal and a vertical marker at <paramref name="markX"/> labelled <paramref name="markLabel"/>.
    /// </summary>
    public static string Lines(string title, string xLabel, string yLabel, IReadOnlyList<Series> series,
        double? yMax = 1, double? markX = null, string? markLabel = null, bool diagonal = false)
    {
        var top = yMax ?? NiceCeiling(series.SelectMany(s => s.Points).Select(p => p.Y).DefaultIfEmpty(1).Max());
        double plotWidth = Width - Left - Right, plotHeight = Height - Top - Bottom;
        string X(double x) => F(Left + Math.Clamp(x, 0, 1) * plotWidth);
        string Y(double y) => F(Height - Bottom - Math.Clamp(y / top, 0, 1) * plotHeight);
        var svg = Open(title, Width, Height);
        svg.Append($"<rect x=\"{Left}\" y=\"{Top}\" width=\"{F(plotWidth)}\" height=\"{F(plotHeight)}\" fill=\"none\" stroke=\"#888\"/>");
        foreach (var tick in new[] { 0, 0.25, 0.5, 0.75, 1 })
        {
            svg.Append($"<text x=\"{X(tick)}\" y=\"{Height - Bottom + 14}\" font-size=\"11\" text-anchor=\"middle\">{tick.ToString("0.##", CultureInfo.InvariantCulture)}</text>");
            svg.Append($"<text x=\"{Left - 5}\" y=\"{Y(tick * top)}\" font-size=\"11\" text-anchor=\"end\" dominant-baseline=\"middle\">{Tick(tick * top)}</text>");
            if (tick is > 0 and < 1)
                svg.Append($"<line x1=\"{Left}\" y1=\"{Y(tick * top)}\" x2=\"{Width - Right}\" y2=\"{Y(tick * top)}\" stroke=\"#eee\"/>");
        }
        svg.Append($"<text x=\"{F(Left + plotWidth / 2)}\" y=\"{Height - 8}\" text-anchor=\"middle\" font-size=\"12\">{E(xLabel)}</text>");
        svg.Append($"<text x=\"14\" y=\"{F(Top + plotHeight / 2)}\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 14 {F(Top + plotHeight / 2)})\">{E(yLabel)}</text>");
        if (diagonal) svg.Append($"<line x1=\"{X(0)}\" y1=\"{Y(0)}\" x2=\"{X(1)}\" y2=\"{Y(Math.Min(1, top))}\" stroke=\"#bbb\" stroke-dasharray=\"4\"/>");
        if (markX is { } mark)
        {
            svg.Append($"<line x1=\"{X(mark)}\" y1=\"{Top}\" x2=\"{X(mark)}\" y2=\"{Height - Bottom}\" stroke=\"#d62728\" stroke-dasharray=\"3\"/>");
            if (markLabel is not null)
                svg.Append($"<text x=\"{X(mark)}\" y=\"{Top - 3}\" font-size=\"11\" fill=\"#d62728\" text-anchor=\"{(mark > 0.6 ? "end" : "start")}\">{E(markLabel)}</text>");
        }
        foreach (var line in series)
        {
            if (line.Points.Count == 0) continue;
            svg.Append($"<polyline fill=\"none\" stroke=\"{line.Color}\" stroke-width=\"2\" points=\"{string.Join(" ", line.Points.Select(p => $"{X(p.X)},{Y(p.Y)}"))}\"/>");
            if (line.Dots)
                foreach (var p in line.Points) svg.Append($"<circle cx=\"{X(p.X)}\" cy=\"{Y(p.Y)}\" r=\"3\" fill=\"{line.Color}\"/>");
        }
        // The legend sits between the title and the plot, one entry after another.
        var legendX = Left;
        foreach (var line in series)
        {
            svg.Append($"<rect x=\"{legendX}\" y=\"27\" width=\"12\" height=\"4\" fill=\"{line.Color}\"/>");
            svg.Append($"<text x=\"{legendX + 16}\" y=\"33\" font-size=\"11\">{E(line.Name)}</text>");
            legendX += 28 + 6 * line.Name.Length;
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Horizontal bars for the <paramref name="count"/> largest <paramref name="values"/> (already in order), labelled with their value.</summary>
    public static string Bars(string title, string valueLabel, IReadOnlyList<KeyValuePair<string, double>> values, int count = 15)
    {
        const int MaxLabel = 34, Row = 20, BarArea = 300, ValueWidth = 60;
        var shown = values.Take(count).ToList();
        var labelWidth = 12 + 7 * Math.Min(MaxLabel, shown.Select(v => v.Key.Length).DefaultIfEmpty(8).Max());
        var width = labelWidth + BarArea + ValueWidth;
        var height = Top + Row * shown.Count + Bottom;
        var max = shown.Select(v => v.Value).DefaultIfEmpty(0).Max();
        var svg = Open(title, width, height);
        for (var i = 0; i < shown.Count; i++)
        {
            var (name, value) = (shown[i].Key, shown[i].Value);
            var y = Top + i * Row;
            var label = name.Length > MaxLabel ? name[..(MaxLabel - 1)] + "…" : name;
            var length = max <= 0 ? 0 : value / max * BarArea;
            svg.Append($"<g><title>{E(name)}: {Tick(value)}</title>");
            svg.Append($"<text x=\"{labelWidth - 6}\" y=\"{y + Row / 2}\" font-size=\"12\" text-anchor=\"end\" dominant-baseline=\"middle\">{E(label)}</text>");
            svg.Append($"<rect x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{F(Math.Max(1, length))}\" height=\"{Row - 6}\" fill=\"#1f77b4\"/>");
            svg.Append($"<text x=\"{F(labelWidth + length + 4)}\" y=\"{y + Row / 2}\" font-size=\"11\" dominant-baseline=\"middle\">{Tick(value)}</text></g>");
        }
        svg.Append($"<text x=\"{labelWidth + BarArea / 2}\" y=\"{height - 12}\" text-anchor=\"middle\" font-size=\"12\">{E(valueLabel)}</text>");
        return svg.Append("</svg>").ToString();
    }

    static StringBuilder Open(string title, int width, int height) =>
        new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{E(title)}\">")
            .Append($"<text x=\"{width / 2}\" y=\"16\" text-anchor=\"middle\" font-weight=\"bold\" font-size=\"14\">{E(title)}</text>");

    // 1, 2 or 5 times a power of ten at or above the largest value, so that axis ticks are round numbers.
    static double NiceCeiling(double value)
    {
        if (value <= 0) return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var m in new[] { 1, 2, 2.5, 5, 10 })
            if (m * power >= value) return m * power;
        return 10 * power;
    }

    static string Tick(double value) => value.ToString(Math.Abs(value) >= 10 ? "0.#" : Math.Abs(value) >= 0.1 || value == 0 ? "0.##" : "0.###", CultureInfo.InvariantCulture);

    static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    static string E(string text) => WebUtility.HtmlEncode(text);
}
