using System.Globalization;
using System.Net;
using System.Text;

namespace Pipeline.Monitoring;

/// <summary>
/// The "over time" section of the drift report for a windowed check: a table of the windows, a chart per feature (and
/// the model score) of its PSI per window against that window's threshold, and the estimated F1 per window with its
/// interval. Inline SVG only, so the page stays self-contained.
/// </summary>
public static class DriftWindowReport
{
    private const string StatisticColour = "#4c78a8";
    private const string ThresholdColour = "#d62728";
    private const string DriftColour = "#b00";
    private const int Width = 760, Height = 240, Left = 70, Right = 20, Top = 16, Bottom = 56;

    /// <summary>Appends the section to <paramref name="html"/> when <paramref name="result"/> was checked by window; nothing otherwise.</summary>
    public static void Append(StringBuilder html, DriftResult result)
    {
        if (result.Window is not { } spec || result.Windows is not { Count: > 0 } windows) return;
        var drifted = windows.Count(w => w.Check is { DriftDetected: true });
        html.Append(CultureInfo.InvariantCulture, $"<h2>Over time: {windows.Count} window(s) of {Encode(spec.Text)}</h2>\n");
        html.Append(CultureInfo.InvariantCulture,
            $"<p>{drifted} of {windows.Count} windows drifted. Each window is checked like the whole data, with every threshold set at the window's own number of rows, so a small window needs a larger PSI to count. The verdict at the top is the whole data's; the windows show when a change began. {(spec.IsTime ? "Time windows start at multiples of their length since 1970-01-01 UTC; a stretch without records has no window (a dotted line in the charts)." : "Row windows follow the records' time order when they have times.")}</p>\n");

        html.Append("<table><thead><tr><th>window</th><th>rows</th><th>verdict</th><th>drifted features</th><th>estimated F1 [95 %]</th></tr></thead><tbody>\n");
        for (var i = 0; i < windows.Count; i++)
        {
            var window = windows[i];
            var check = window.Check;
            html.Append(CultureInfo.InvariantCulture,
                $"<tr{(check is { DriftDetected: true } ? " class=\"drifted\"" : "")}><td>{Encode(DriftWindow.Label(window.Slice, i))}</td><td>{window.Rows:N0}</td><td class=\"text\">{Encode(window.NotChecked is { } why ? "not checked: " + why : window.Verdict)}</td><td class=\"text\">{Encode(string.Join(", ", check?.Drifted.Select(f => f.Column) ?? []))}</td><td>{(check?.EstimatedPerformance is { } e ? string.Create(CultureInfo.InvariantCulture, $"{e.F1.Estimate:F3} [{e.F1.Low:F3}, {e.F1.High:F3}]") : "")}</td></tr>\n");
        }
        html.Append("</tbody></table>\n");

        if (windows.Any(w => w.Check?.EstimatedPerformance is not null))
        {
            html.Append("<h3>Estimated F1 per window (CBPE, no labels needed)</h3>\n<p>Dot: the estimate; bar: its 95 % interval.</p>\n");
            AppendChart(html, windows, "estimated F1", w => w.Check?.EstimatedPerformance is { } e ? (e.F1.Estimate, e.F1.Low, e.F1.High) : null,
                threshold: null, fixedMaximum: 1);
        }
        var columns = windows.First(w => w.Check is not null) is { Check: { } first }
            ? first.Features.Select(f => f.Column).Concat(first.Score is null ? [] : [first.Score.Column]).ToList()
            : [];
        if (columns.Count == 0) return;
        html.Append(CultureInfo.InvariantCulture,
            $"<h3>PSI per window</h3>\n<p class=\"legend\"><span style=\"background:{StatisticColour}\"></span>PSI of the window (red dot: over its threshold)<span style=\"background:{ThresholdColour}\"></span>the window's threshold (dashed)</p>\n");
        foreach (var column in columns)
        {
            FeatureDrift? Feature(DriftWindow w) => w.Check is not { } c ? null : column == DriftDetector.ScoreColumn ? c.Score : c.Features.FirstOrDefault(f => f.Column == column);
            html.Append(CultureInfo.InvariantCulture, $"<section><h4>{Encode(column)}{(column == DriftDetector.ScoreColumn ? " (prediction drift, not counted)" : "")}</h4>\n");
            AppendChart(html, windows, "PSI", w => Feature(w) is { } f ? (f.Psi, f.Psi, f.Psi) : null,
                threshold: w => Feature(w) is { } f && double.IsFinite(f.Threshold) ? f.Threshold : null, fixedMaximum: null,
                drifted: w => Feature(w)?.Drifted == true);
            html.Append("</section>\n");
        }
    }

    // One point (with an optional interval) per window; a window without a value breaks the line.
    private static void AppendChart(StringBuilder html, IReadOnlyList<DriftWindow> windows, string yLabel,
        Func<DriftWindow, (double Value, double Low, double High)?> value, Func<DriftWindow, double?>? threshold, double? fixedMaximum,
        Func<DriftWindow, bool>? drifted = null)
    {
        var points = windows.Select(value).ToList();
        // A stretch without records between two time windows breaks the lines, so the chart does not draw through it.
        var gapBefore = windows.Select((w, i) => i > 0 && w.Slice.Start is { } start && windows[i - 1].Slice.End is { } end && start > end && windows[0].Slice.Start is not null).ToList();
        var wholeDays = windows.All(w => w.Slice.Start is { } start && start.UtcDateTime.TimeOfDay == TimeSpan.Zero);
        var limits = windows.Select(w => threshold?.Invoke(w)).ToList();
        var maximum = fixedMaximum ?? Math.Max(1e-9, points.Where(p => p is not null).Select(p => p!.Value.High).Concat(limits.Where(l => l is not null).Select(l => l!.Value)).DefaultIfEmpty(0).Max() * 1.1);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var axis = Top + plotHeight;
        double X(int i) => Left + (windows.Count == 1 ? plotWidth / 2.0 : plotWidth * (i + 0.5) / windows.Count);
        double Y(double v) => axis - Math.Clamp(v / maximum, 0, 1) * plotHeight;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Encode(yLabel)} per window\" font-size=\"11\">\n");
        foreach (var tick in new[] { 0, 0.25, 0.5, 0.75, 1 })
        {
            var y = Y(tick * maximum);
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{Left}\" y1=\"{y:F1}\" x2=\"{Width - Right}\" y2=\"{y:F1}\" stroke=\"#eee\"/><text x=\"{Left - 6}\" y=\"{y + 4:F1}\" text-anchor=\"end\">{Number(tick * maximum)}</text>\n");
        }
        svg.Append(CultureInfo.InvariantCulture,
            $"<text transform=\"translate(14 {Top + plotHeight / 2.0:F1}) rotate(-90)\" text-anchor=\"middle\">{Encode(yLabel)}</text>\n");
        // At most about eight x labels, so they stay readable.
        var every = Math.Max(1, (int)Math.Ceiling(windows.Count / 8.0));
        for (var i = 0; i < windows.Count; i += every)
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{X(i):F1}\" y=\"{axis + 16}\" text-anchor=\"middle\">{Encode(ShortLabel(windows[i], i, wholeDays))}</text>\n");
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{Left + plotWidth / 2.0:F1}\" y=\"{Height - 8}\" text-anchor=\"middle\">{(windows[0].Slice.Start is null ? "window (in order)" : "window start (UTC)")}</text>\n");

        if (threshold is not null)
            AppendLine(svg, limits.Select((l, i) => l is { } v ? (X(i), Y(v)) : ((double, double)?)null).ToList(), gapBefore, ThresholdColour, dashed: true);
        AppendLine(svg, points.Select((p, i) => p is { } v ? (X(i), Y(v.Value)) : ((double, double)?)null).ToList(), gapBefore, StatisticColour, dashed: false);
        for (var i = 0; i < windows.Count; i++)
            if (gapBefore[i])
                svg.Append(CultureInfo.InvariantCulture,
                    $"<line x1=\"{(X(i - 1) + X(i)) / 2:F1}\" y1=\"{Top}\" x2=\"{(X(i - 1) + X(i)) / 2:F1}\" y2=\"{axis}\" stroke=\"#bbb\" stroke-dasharray=\"2 2\"><title>no records from {Encode(DriftWindow.Time(windows[i - 1].Slice.End!.Value))} to {Encode(DriftWindow.Time(windows[i].Slice.Start!.Value))}</title></line>\n");
        for (var i = 0; i < windows.Count; i++)
        {
            if (points[i] is not { } p) continue;
            if (p.High > p.Low)
                svg.Append(CultureInfo.InvariantCulture,
                    $"<line x1=\"{X(i):F1}\" y1=\"{Y(p.Low):F1}\" x2=\"{X(i):F1}\" y2=\"{Y(p.High):F1}\" stroke=\"{StatisticColour}\" stroke-width=\"2\" opacity=\"0.5\"/>\n");
            var over = drifted?.Invoke(windows[i]) == true;
            var title = $"{DriftWindow.Label(windows[i].Slice, i)}: {yLabel} {Number(p.Value)}{(p.High > p.Low ? $" [{Number(p.Low)}, {Number(p.High)}]" : "")}{(limits[i] is { } l ? $", threshold {Number(l)}" : "")}";
            svg.Append(CultureInfo.InvariantCulture,
                $"<circle cx=\"{X(i):F1}\" cy=\"{Y(p.Value):F1}\" r=\"{(over ? 4.5 : 3)}\" fill=\"{(over ? DriftColour : StatisticColour)}\"><title>{Encode(title)}</title></circle>\n");
        }
        svg.Append(CultureInfo.InvariantCulture,
            $"<line x1=\"{Left}\" y1=\"{axis}\" x2=\"{Width - Right}\" y2=\"{axis}\" stroke=\"#555\"/><line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{axis}\" stroke=\"#555\"/>\n</svg>\n");
        html.Append(svg);
    }

    // Consecutive points joined; a missing one starts a new line.
    private static void AppendLine(StringBuilder svg, IReadOnlyList<(double X, double Y)?> points, IReadOnlyList<bool> gapBefore, string colour, bool dashed)
    {
        var run = new List<(double X, double Y)>();
        void Flush()
        {
            if (run.Count > 1)
                svg.Append(CultureInfo.InvariantCulture,
                    $"<polyline points=\"{string.Join(" ", run.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:F1},{p.Y:F1}")))}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\"{(dashed ? " stroke-dasharray=\"5 3\"" : "")}/>\n");
            else if (run.Count == 1 && dashed)
                svg.Append(CultureInfo.InvariantCulture,
                    $"<line x1=\"{run[0].X - 8:F1}\" y1=\"{run[0].Y:F1}\" x2=\"{run[0].X + 8:F1}\" y2=\"{run[0].Y:F1}\" stroke=\"{colour}\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>\n");
            run.Clear();
        }
        for (var i = 0; i < points.Count; i++)
        {
            if (gapBefore[i]) Flush();
            if (points[i] is { } p) run.Add(p);
            else Flush();
        }
        Flush();
    }

    private static string ShortLabel(DriftWindow window, int index, bool wholeDays) =>
        window.Slice.Start is { } start
            ? start.UtcDateTime.ToString(wholeDays ? "yyyy-MM-dd" : "MM-dd HH:mm", CultureInfo.InvariantCulture)
            : $"#{index + 1}";

    private static string Number(double value) => double.IsFinite(value) ? value.ToString("G3", CultureInfo.InvariantCulture) : "∞";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
