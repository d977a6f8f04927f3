using Pipeline.Data.Drift;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pipeline.Monitoring;

/// <summary>The outcome of a drift check: every feature's comparison, the model score's (if scored), and the verdict.</summary>
/// <param name="ReferenceDescription">Where the reference rows come from.</param>
/// <param name="ReferenceRows">The number of reference rows.</param>
/// <param name="CurrentDescription">Where the current rows come from.</param>
/// <param name="CurrentRows">The number of current rows.</param>
/// <param name="Features">One comparison per feature column, in spec order.</param>
/// <param name="Score">The model score's comparison (prediction drift), or null when no scores were given.</param>
/// <param name="Settings">The thresholds used.</param>
public sealed record DriftResult(string ReferenceDescription, int ReferenceRows, string CurrentDescription, int CurrentRows,
    IReadOnlyList<FeatureDrift> Features, FeatureDrift? Score, DriftSettings Settings)
{
    /// <summary>The features that drifted, in spec order.</summary>
    public IReadOnlyList<FeatureDrift> Drifted => Features.Where(f => f.Drifted).ToList();

    /// <summary>
    /// Whether at least <see cref="DriftSettings.MinimumDriftedFeatures"/> features drifted. The score's drift is
    /// reported but does not count: a retrain is triggered by what the inputs do.
    /// </summary>
    public bool DriftDetected => Drifted.Count >= Settings.MinimumDriftedFeatures;

    /// <summary>The production model's measured performance on the current rows, when they had labels and a model scored them.</summary>
    public ActualPerformance? ActualPerformance { get; init; }

    /// <summary>The production model's performance on the current rows estimated from its probabilities (CBPE), when a model scored them.</summary>
    public PerformanceEstimate? EstimatedPerformance { get; init; }

    /// <summary>The positive rate of the current labels against the reference's, when the current rows had labels.</summary>
    public LabelDrift? LabelDrift { get; init; }

    /// <summary>The window option of a windowed check (<c>--window</c>), or null when the data were checked as one lump.</summary>
    public WindowSpec? Window { get; init; }

    /// <summary>
    /// The check per window in time order, the view over time; null without <see cref="Window"/>. The verdict above
    /// (<see cref="DriftDetected"/>) is the whole data's, not the windows'.
    /// </summary>
    public IReadOnlyList<DriftWindow>? Windows { get; init; }

    /// <summary>
    /// The result as JSON (<c>artifacts/&lt;dataset&gt;/drift/report.json</c>): verdict, settings, row counts, and per feature its
    /// PSI, threshold, verdict, test, statistic, p-value and bins with shares.
    /// </summary>
    public string ToJson()
    {
        // Relaxed escaping keeps "< 297.5" and "a+b" readable; the file is read as JSON, never embedded in HTML.
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteBoolean("driftDetected", DriftDetected);
            json.WriteStartArray("driftedFeatures");
            foreach (var feature in Drifted) json.WriteStringValue(feature.Column);
            json.WriteEndArray();
            json.WriteStartObject("settings");
            json.WriteNumber("falseAlarmRate", Settings.FalseAlarmRate);
            json.WriteNumber("featureLevel", Settings.FeatureLevel(Features.Count));
            json.WriteNumber("resamples", Settings.Resamples);
            if (Settings.PsiThreshold is { } psiThreshold) json.WriteNumber("psiThreshold", psiThreshold);
            json.WriteNumber("bins", Settings.Bins);
            json.WriteNumber("minimumRows", Settings.MinimumRows);
            json.WriteNumber("minimumDriftedFeatures", Settings.MinimumDriftedFeatures);
            json.WriteStartObject("featureThresholds");
            foreach (var (column, threshold) in Settings.FeatureThresholds) json.WriteNumber(column, threshold);
            json.WriteEndObject();
            if (Settings.Source is { } source) json.WriteString("source", source);
            json.WriteEndObject();
            json.WriteStartObject("reference");
            json.WriteString("description", ReferenceDescription);
            json.WriteNumber("rows", ReferenceRows);
            json.WriteEndObject();
            json.WriteStartObject("current");
            json.WriteString("description", CurrentDescription);
            json.WriteNumber("rows", CurrentRows);
            json.WriteEndObject();
            json.WriteStartArray("features");
            foreach (var feature in Features) Write(json, feature);
            json.WriteEndArray();
            if (Score is not null)
            {
                json.WritePropertyName("score");
                Write(json, Score);
            }
            if (EstimatedPerformance is { } estimated)
            {
                json.WriteStartObject("estimatedPerformance");
                json.WriteString("method", "CBPE");
                json.WriteNumber("modelVersion", estimated.ModelVersion);
                json.WriteNumber("threshold", estimated.Threshold);
                json.WriteNumber("rows", estimated.Rows);
                WriteMetric(json, "accuracy", estimated.Accuracy);
                WriteMetric(json, "precision", estimated.Precision);
                WriteMetric(json, "recall", estimated.Recall);
                WriteMetric(json, "f1", estimated.F1);
                json.WriteBoolean("trusted", estimated.Calibration.Trusted);
                json.WriteString("calibration", estimated.Calibration.Verdict);
                json.WriteStartObject("reference");
                json.WriteNumber("heldOutRows", estimated.Calibration.Rows);
                json.WriteNumber("estimatedF1", estimated.Calibration.EstimatedF1);
                json.WriteNumber("actualF1", estimated.Calibration.ActualF1);
                json.WriteNumber("expectedPositives", estimated.Calibration.ExpectedPositives);
                json.WriteNumber("actualPositives", estimated.Calibration.ActualPositives);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            if (ActualPerformance is { } actual)
            {
                json.WriteStartObject("actualPerformance");
                json.WriteNumber("modelVersion", actual.ModelVersion);
                json.WriteNumber("threshold", actual.Threshold);
                json.WriteNumber("rows", actual.Rows);
                json.WriteNumber("positives", actual.Positives);
                json.WriteNumber("accuracy", actual.Accuracy);
                json.WriteNumber("precision", actual.Precision);
                json.WriteNumber("recall", actual.Recall);
                json.WriteNumber("f1", actual.F1);
                json.WriteEndObject();
            }
            if (LabelDrift is { } labels)
            {
                json.WriteStartObject("labelDrift");
                json.WriteNumber("referenceRows", labels.ReferenceRows);
                json.WriteNumber("referencePositiveRate", labels.ReferencePositiveRate);
                json.WriteNumber("currentRows", labels.CurrentRows);
                json.WriteNumber("currentPositiveRate", labels.CurrentPositiveRate);
                json.WriteString("test", DriftDetector.ChiSquare);
                json.WriteNumber("statistic", labels.ChiSquare);
                json.WriteNumber("pValue", labels.PValue);
                json.WriteBoolean("drifted", labels.Drifted);
                json.WriteEndObject();
            }
            if (Window is { } window && Windows is { } windows)
                DriftWindow.WriteJson(json, window, windows);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The method's name in the report: <c>resampled</c>, <c>chi-square approximation</c> or <c>hand-set</c>.</summary>
    public static string MethodName(ThresholdMethod method) => method switch
    {
        ThresholdMethod.Resampled => "resampled",
        ThresholdMethod.ChiSquareApproximation => "chi-square approximation (autocorrelation-corrected)",
        _ => "hand-set",
    };

    internal static void WriteMetric(Utf8JsonWriter json, string name, EstimatedMetric metric)
    {
        json.WriteStartObject(name);
        json.WriteNumber("estimate", metric.Estimate);
        json.WriteNumber("low", metric.Low);
        json.WriteNumber("high", metric.High);
        json.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter json, FeatureDrift feature)
    {
        json.WriteStartObject();
        json.WriteString("column", feature.Column);
        json.WriteString("kind", feature.IsNumeric ? "numeric" : "categorical");
        json.WriteString("method", MethodName(feature.Method));
        json.WriteNumber("rows", feature.Rows);
        json.WriteNumber("psi", feature.Psi);
        if (double.IsFinite(feature.Threshold)) json.WriteNumber("threshold", feature.Threshold);
        else json.WriteNull("threshold");
        json.WriteNumber("psiPValue", feature.PsiPValue);
        if (feature.Level is { } level) json.WriteNumber("level", level);
        json.WriteBoolean("drifted", feature.Drifted);
        json.WriteString("test", feature.Test);
        json.WriteNumber("statistic", feature.Statistic);
        json.WriteNumber("pValue", feature.PValue);
        json.WriteStartArray("bins");
        for (var b = 0; b < feature.Histogram.Bins.Count; b++)
        {
            json.WriteStartObject();
            json.WriteString("bin", feature.Histogram.Bins[b]);
            json.WriteNumber("referenceShare", feature.Histogram.ReferenceShare[b]);
            json.WriteNumber("currentShare", feature.Histogram.CurrentShare[b]);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
