using System.Globalization;
using System.Net;
using System.Text;

namespace Pipeline.Modeling.Evaluation;

/// <summary>Small self-contained SVG pictures for the evaluation report (no plotting library, no native dependency).</summary>
public static class SvgChart
{
    const int Size = 320, Margin = 40;

    /// <summary>
    /// A line chart on the unit square, e.g. a ROC or precision-recall curve; an optional dashed diagonal, and an
    /// optional operating point (the model at its decision threshold) drawn as a ringed dot with <paramref name="markLabel"/> beside it
    /// (one line per '\n', so that no line runs out of the picture).
    /// </summary>
    public static string UnitCurve(string title, string xLabel, string yLabel, IReadOnlyList<RankingCurves.Point> points, bool diagonal,
        RankingCurves.Point? mark = null, string? markLabel = null)
    {
        var plot = Size - 2 * Margin;
        string X(double x) => F(Margin + x * plot);
        string Y(double y) => F(Size - Margin - y * plot);
        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Size}\" height=\"{Size}\" viewBox=\"0 0 {Size} {Size}\" role=\"img\" aria-label=\"{E(title)}\">");
        svg.Append($"<text x=\"{Size / 2}\" y=\"18\" text-anchor=\"middle\" font-weight=\"bold\">{E(title)}</text>");
        svg.Append($"<rect x=\"{Margin}\" y=\"{Margin}\" width=\"{plot}\" height=\"{plot}\" fill=\"none\" stroke=\"#888\"/>");
        foreach (var tick in new[] { 0.0, 0.5, 1.0 })
        {
            svg.Append($"<text x=\"{X(tick)}\" y=\"{Size - Margin + 14}\" font-size=\"10\" text-anchor=\"middle\">{tick:0.0}</text>");
            svg.Append($"<text x=\"{Margin - 4}\" y=\"{Y(tick)}\" font-size=\"10\" text-anchor=\"end\">{tick:0.0}</text>");
        }
        svg.Append($"<text x=\"{Size / 2}\" y=\"{Size - 6}\" text-anchor=\"middle\" font-size=\"12\">{E(xLabel)}</text>");
        svg.Append($"<text x=\"12\" y=\"{Size / 2}\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 12 {Size / 2})\">{E(yLabel)}</text>");
        if (diagonal) svg.Append($"<line x1=\"{X(0)}\" y1=\"{Y(0)}\" x2=\"{X(1)}\" y2=\"{Y(1)}\" stroke=\"#bbb\" stroke-dasharray=\"4\"/>");
        var path = string.Join(" ", Thin(points).Select(p => $"{X(p.X)},{Y(p.Y)}"));
        svg.Append($"<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"{path}\"/>");
        if (mark is { } point)
        {
            var (x, y) = (Math.Clamp(point.X, 0, 1), Math.Clamp(point.Y, 0, 1));
            svg.Append($"<circle class=\"operating-point\" cx=\"{X(x)}\" cy=\"{Y(y)}\" r=\"5\" fill=\"#d62728\" stroke=\"#fff\" stroke-width=\"1.5\"><title>{E((markLabel ?? "operating point").Replace('\n', ' '))}</title></circle>");
            if (markLabel is not null)
            {
                // Beside the dot, on the side with room, inside the plot: into the plot from a corner or an edge.
                var anchor = x > 0.5 ? "end" : "start";
                var textX = Margin + x * plot + (x > 0.5 ? -8 : 8);
                var lines = markLabel.Split('\n');
                var textY = Size - Margin - y * plot + (y > 0.5 ? 16 : -8 - 13 * (lines.Length - 1));
                svg.Append($"<text class=\"operating-point-label\" x=\"{F(textX)}\" y=\"{F(textY)}\" font-size=\"11\" fill=\"#d62728\" text-anchor=\"{anchor}\">");
                for (var i = 0; i < lines.Length; i++)
                    svg.Append($"<tspan x=\"{F(textX)}\" dy=\"{(i == 0 ? 0 : 13)}\">{E(lines[i])}</tspan>");
                svg.Append("</text>");
            }
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>A 2×2 confusion matrix as shaded cells with counts.</summary>
    public static string Confusion(ConfusionMatrix c)
    {
        var cells = new[] { (0, 0, c.TrueNegatives, "TN"), (0, 1, c.FalsePositives, "FP"), (1, 0, c.FalseNegatives, "FN"), (1, 1, c.TruePositives, "TP") };
        var max = Math.Max(1, cells.Max(x => x.Item3));
        const int cell = 100, left = 90, top = 50;
        var svg = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{left + 2 * cell + 10}\" height=\"{top + 2 * cell + 30}\" role=\"img\" aria-label=\"Confusion matrix\">");
        svg.Append($"<text x=\"{left + cell}\" y=\"18\" text-anchor=\"middle\" font-weight=\"bold\">Confusion matrix</text>");
        svg.Append($"<text x=\"{left + cell}\" y=\"40\" text-anchor=\"middle\" font-size=\"12\">predicted: no failure | failure</text>");
        svg.Append($"<text x=\"{left - 6}\" y=\"{top + cell / 2}\" text-anchor=\"end\" font-size=\"12\">actual: no</text>");
        svg.Append($"<text x=\"{left - 6}\" y=\"{top + cell + cell / 2}\" text-anchor=\"end\" font-size=\"12\">actual: yes</text>");
        foreach (var (row, column, count, name) in cells)
        {
            var shade = 255 - (int)(180 * Math.Sqrt((double)count / max));
            svg.Append($"<rect x=\"{left + column * cell}\" y=\"{top + row * cell}\" width=\"{cell}\" height=\"{cell}\" fill=\"rgb({shade},{shade},255)\" stroke=\"#fff\"/>");
            svg.Append($"<text x=\"{left + column * cell + cell / 2}\" y=\"{top + row * cell + cell / 2}\" text-anchor=\"middle\" font-size=\"16\">{count}</text>");
            svg.Append($"<text x=\"{left + column * cell + cell / 2}\" y=\"{top + row * cell + cell / 2 + 18}\" text-anchor=\"middle\" font-size=\"11\">{name}</text>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    // A curve over thousands of distinct scores needs no more points than the picture has pixels.
    static IEnumerable<RankingCurves.Point> Thin(IReadOnlyList<RankingCurves.Point> points)
    {
        var step = Math.Max(1, points.Count / 400);
        for (var i = 0; i < points.Count; i += step) yield return points[i];
        if (points.Count > 0 && (points.Count - 1) % step != 0) yield return points[^1];
    }

    static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    static string E(string text) => WebUtility.HtmlEncode(text);
}
