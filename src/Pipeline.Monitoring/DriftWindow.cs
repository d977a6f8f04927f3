using System.Globalization;
using System.Text.Json;
using Pipeline.Data;
using Pipeline.Data.Features;
using Pipeline.Modeling.Registry;

namespace Pipeline.Monitoring;

/// <summary>
/// One window of a windowed drift check (<c>CheckDrift --window</c>): its rows, and the drift check of those rows
/// against the reference with thresholds at the window's own n, with the production model's estimated performance
/// when it scored them. A window with fewer than <see cref="DriftSettings.MinimumRows"/> rows is listed, not checked.
/// </summary>
/// <param name="Slice">The window's bounds and rows.</param>
/// <param name="Check">The window's drift check, or null when it had too few rows.</param>
/// <param name="NotChecked">Why it was not checked, or null.</param>
public sealed record DriftWindow(WindowSlice Slice, DriftResult? Check, string? NotChecked)
{
    /// <summary>The window's rows.</summary>
    public int Rows => Slice.Rows.Length;

    /// <summary>"drift", "no drift" or "not checked".</summary>
    public string Verdict => Check is null ? "not checked" : Check.DriftDetected ? "drift" : "no drift";

    /// <summary>
    /// Checks each of <paramref name="slices"/> of <paramref name="current"/> against <paramref name="reference"/>
    /// (whose null distributions are computed once per distinct window size), with the production model's scores on
    /// the current rows (<paramref name="currentScores"/>, or the sample's logged ones) and its performance estimate
    /// per window (<paramref name="estimate"/>, given the window's scores).
    /// </summary>
    /// <exception cref="DataException">Row windows smaller than <see cref="DriftSettings.MinimumRows"/>.</exception>
    public static IReadOnlyList<DriftWindow> CheckAll(DriftReference reference, FeatureSample current, float[]? currentScores,
        WindowSpec spec, IReadOnlyList<WindowSlice> slices, Func<float[], PerformanceEstimate>? estimate)
    {
        var minimum = reference.Settings.MinimumRows;
        RequireEnoughRows(spec, reference.Settings);
        currentScores ??= current.Scores;
        return slices.Select((slice, i) =>
        {
            if (slice.Rows.Length < minimum)
                return new DriftWindow(slice, null, $"{slice.Rows.Length:N0} rows, fewer than the {minimum:N0} a drift check needs (minimumRows)");
            var scores = currentScores is null ? null : Array.ConvertAll(slice.Rows, r => currentScores[r]);
            var result = DriftDetector.Compare(reference, Subset(current, slice.Rows, $"{current.Description}, window {Label(slice, i)}"), scores);
            if (estimate is not null && scores is not null)
                result = result with { EstimatedPerformance = estimate(scores) };
            return new DriftWindow(slice, result, null);
        }).ToList();
    }

    /// <summary>
    /// The windows <paramref name="spec"/> cuts <paramref name="current"/> into (see <see cref="WindowSlice.Split"/>),
    /// refusing row windows smaller than <see cref="DriftSettings.MinimumRows"/>.
    /// </summary>
    /// <exception cref="DataException">The window does not fit the data or the settings.</exception>
    public static IReadOnlyList<WindowSlice> Slices(WindowSpec spec, CurrentData current, DriftSettings settings)
    {
        RequireEnoughRows(spec, settings);
        return WindowSlice.Split(spec, current.Sample.RowCount, current.Times, current.NoTimes);
    }

    private static void RequireEnoughRows(WindowSpec spec, DriftSettings settings)
    {
        if (spec.Rows is { } size && size < settings.MinimumRows)
            throw new DataException(
                $"The option --window {spec.Text} makes windows of {size:N0} rows, fewer than the {settings.MinimumRows:N0} a drift check needs (minimumRows{(settings.Source is { } s ? " in " + s : "")}); give at least --window {settings.MinimumRows}rows.",
                column: "--window");
    }

    /// <summary>One line for the console: the window, its rows, verdict, drifted features and estimated F1.</summary>
    public string Describe(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{Label(Slice, index)}, {Rows:N0} rows: ") + (Check is not { } check
            ? $"not checked ({NotChecked})"
            : (check.DriftDetected ? "DRIFT in " + string.Join(", ", check.Drifted.Select(f => f.Column)) : check.Drifted.Count > 0 ? "no drift (" + string.Join(", ", check.Drifted.Select(f => f.Column)) + " over threshold)" : "no drift")
              + (check.EstimatedPerformance is { } e ? string.Create(CultureInfo.InvariantCulture, $"; estimated F1 {e.F1.Estimate:F3} [{e.F1.Low:F3}, {e.F1.High:F3}]") : ""));

    /// <summary>What the registry's event log keeps of the window (<see cref="DriftChecked.Windows"/>).</summary>
    public DriftWindowSummary ToSummary() =>
        new(Slice.Start, Slice.End, Rows, Verdict, Check?.Drifted.Select(f => f.Column).ToList() ?? [],
            Check?.EstimatedPerformance is { } e ? Summary(e) : null);

    /// <summary>The F1 part of <paramref name="estimate"/> as the event log keeps it.</summary>
    public static EstimatedF1Summary Summary(PerformanceEstimate estimate) =>
        new(estimate.F1.Estimate, estimate.F1.Low, estimate.F1.High, estimate.Calibration.Trusted);

    /// <summary>
    /// A short label: the time span (UTC; one date when it ends the same day, e.g. <c>2026-11-29 10:00–11:00 UTC</c>)
    /// when the window has times, else its position (<c>#3</c>).
    /// </summary>
    public static string Label(WindowSlice slice, int index)
    {
        if (slice.Start is not { } start || slice.End is not { } end)
            return string.Create(CultureInfo.InvariantCulture, $"#{index + 1}");
        var (from, to) = (start.UtcDateTime, end.UtcDateTime);
        if (to.Date == from.Date) return $"{from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {Clock(from)}–{Clock(to)} UTC";
        if (to == from.Date.AddDays(1)) return $"{from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {Clock(from)}–24:00 UTC";
        return $"{from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {Clock(from)} to {Time(end)}";
    }

    /// <summary>A time as the report and the log show it: UTC, to the minute (seconds when not zero).</summary>
    public static string Time(DateTimeOffset time) =>
        $"{time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {Clock(time.UtcDateTime)} UTC";

    private static string Clock(DateTime time) =>
        time.ToString(time.Second == 0 && time.Millisecond == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Writes <c>window</c> and <c>windows</c> of report.json: per window its bounds, rows, verdict, and per feature PSI against its threshold.</summary>
    internal static void WriteJson(Utf8JsonWriter json, WindowSpec spec, IReadOnlyList<DriftWindow> windows)
    {
        json.WriteString("window", spec.Text);
        json.WriteStartArray("windows");
        foreach (var window in windows)
        {
            json.WriteStartObject();
            WriteTime(json, "start", window.Slice.Start);
            WriteTime(json, "end", window.Slice.End);
            json.WriteNumber("rows", window.Rows);
            json.WriteString("verdict", window.Verdict);
            if (window.NotChecked is { } why) json.WriteString("notChecked", why);
            if (window.Check is { } check)
            {
                json.WriteBoolean("driftDetected", check.DriftDetected);
                json.WriteStartArray("driftedFeatures");
                foreach (var feature in check.Drifted) json.WriteStringValue(feature.Column);
                json.WriteEndArray();
                json.WriteStartArray("features");
                foreach (var feature in check.Features) WriteFeature(json, feature);
                json.WriteEndArray();
                if (check.Score is { } score)
                {
                    json.WritePropertyName("score");
                    WriteFeature(json, score);
                }
                if (check.EstimatedPerformance is { } estimate)
                {
                    json.WriteStartObject("estimatedPerformance");
                    json.WriteNumber("modelVersion", estimate.ModelVersion);
                    DriftResult.WriteMetric(json, "accuracy", estimate.Accuracy);
                    DriftResult.WriteMetric(json, "precision", estimate.Precision);
                    DriftResult.WriteMetric(json, "recall", estimate.Recall);
                    DriftResult.WriteMetric(json, "f1", estimate.F1);
                    json.WriteBoolean("trusted", estimate.Calibration.Trusted);
                    json.WriteEndObject();
                }
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteFeature(Utf8JsonWriter json, FeatureDrift feature)
    {
        json.WriteStartObject();
        json.WriteString("column", feature.Column);
        json.WriteNumber("psi", feature.Psi);
        if (double.IsFinite(feature.Threshold)) json.WriteNumber("threshold", feature.Threshold);
        else json.WriteNull("threshold");
        json.WriteString("method", DriftResult.MethodName(feature.Method));
        json.WriteNumber("psiPValue", feature.PsiPValue);
        json.WriteBoolean("drifted", feature.Drifted);
        json.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset? time)
    {
        if (time is { } t) json.WriteString(name, t.ToUniversalTime());
        else json.WriteNull(name);
    }

    // The window's rows as a sample of their own (features and logged scores).
    private static FeatureSample Subset(FeatureSample sample, int[] rows, string description)
    {
        var numeric = new Dictionary<string, double[]>();
        var categories = new Dictionary<string, string[]>();
        foreach (var column in sample.Columns)
        {
            if (sample.IsNumeric(column)) numeric[column] = Pick(sample.Numeric(column), rows);
            else categories[column] = Pick(sample.Categories(column), rows);
        }
        return FeatureSample.FromColumns(sample.Spec, description, numeric, categories, sample.Scores is { } s ? Pick(s, rows) : null);
    }

    private static T[] Pick<T>(T[] values, int[] rows) => Array.ConvertAll(rows, r => values[r]);
}
