using System.Globalization;
using System.Text;

namespace Pipeline.Modeling.Registry;

/// <summary>
/// The drift checks that scored one version, oldest first, read from the registry's event log: what
/// <c>./build.sh DriftHistory</c> prints, and what a model card or PR report reads to show the trend.
/// </summary>
/// <param name="Version">The registry version.</param>
/// <param name="Checks">Its <see cref="DriftChecked"/> events in log order.</param>
public sealed record DriftHistory(int Version, IReadOnlyList<DriftChecked> Checks)
{
    /// <summary>How many of a windowed check's windows <see cref="ToText"/> lists (the most recent).</summary>
    public const int WindowsShown = 12;

    /// <summary>The drift-check history of <paramref name="version"/> (empty when no check scored it); reads, writes nothing.</summary>
    /// <exception cref="ModelingException">An event in the log is damaged.</exception>
    public static DriftHistory Of(IModelRegistry registry, int version) =>
        new(version, registry.ReadEvents().Select(e => e.Event).OfType<DriftChecked>().Where(d => d.Version == version).ToList());

    /// <summary>The history of every version that has at least one drift check, by version.</summary>
    /// <exception cref="ModelingException">An event in the log is damaged.</exception>
    public static IReadOnlyList<DriftHistory> All(IModelRegistry registry) =>
        registry.ReadEvents().Select(e => e.Event).OfType<DriftChecked>().Where(d => d.Version is not null)
            .GroupBy(d => d.Version!.Value).OrderBy(g => g.Key).Select(g => new DriftHistory(g.Key, g.ToList())).ToList();

    /// <summary>
    /// The last <paramref name="last"/> checks as text, one line per check and, for a windowed check, one line per
    /// window (the last <see cref="WindowsShown"/>) with its verdict, estimated F1 and drifted features.
    /// </summary>
    public string ToText(int last = 5)
    {
        var text = new StringBuilder();
        var shown = Checks.Skip(Math.Max(0, Checks.Count - last)).ToList();
        text.AppendLine(CultureInfo.InvariantCulture, $"v{Version}: {Checks.Count} drift check(s){(shown.Count < Checks.Count ? $", the last {shown.Count}" : "")}");
        foreach (var check in shown)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {Time(check.TimeUtc)}  {check.Verdict}{(check.DriftedFeatures.Count > 0 ? $" ({string.Join(", ", check.DriftedFeatures)})" : "")}" +
                $"{(check.EstimatedF1 is { } f1 ? $", estimated F1 {F1(f1)}" : "")} on {check.CurrentData}");
            if (check.Windows is { Count: > 0 } windows)
            {
                var recent = windows.Skip(Math.Max(0, windows.Count - WindowsShown)).ToList();
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"    {windows.Count} window(s) of {check.Window}, {windows.Count(w => w.Verdict == "drift")} drifted{(recent.Count < windows.Count ? $"; the last {recent.Count}" : "")}:");
                for (var i = 0; i < recent.Count; i++)
                {
                    var w = recent[i];
                    text.AppendLine(CultureInfo.InvariantCulture,
                        $"      {Start(w, windows.Count - recent.Count + i),-11}  {w.Rows,7:N0} rows  {w.Verdict,-11}{(w.EstimatedF1 is { } e ? "  F1 " + F1(e) : "")}{(w.DriftedFeatures.Count > 0 ? "  " + string.Join(", ", w.DriftedFeatures) : "")}");
                }
            }
        }
        return text.ToString().TrimEnd();
    }

    static string F1(EstimatedF1Summary f1) =>
        string.Create(CultureInfo.InvariantCulture, $"{f1.Estimate:F3} [{f1.Low:F3}, {f1.High:F3}]{(f1.Trusted ? "" : " (not trusted)")}");

    static string Start(DriftWindowSummary window, int index) =>
        window.Start is { } start ? start.UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture) : $"#{index + 1}";

    static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
