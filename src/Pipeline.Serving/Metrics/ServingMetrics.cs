using System.Collections.Concurrent;
using System.Text.Json;
using Pipeline.Modeling.Scoring;
using Prometheus;

namespace Pipeline.Serving.Metrics;

/// <summary>The Prometheus metrics the service exposes at <c>/metrics</c>.</summary>
public static class ServingMetrics
{
    /// <summary>/predict requests by outcome (<c>ok</c>, <c>bad_request</c>, <c>not_ready</c>, <c>error</c>).</summary>
    public static readonly Counter PredictRequests = Prometheus.Metrics.CreateCounter(
        "pipeline_predict_requests_total", "Prediction requests by outcome.", new CounterConfiguration { LabelNames = ["outcome"] });

    /// <summary>The outcomes of <see cref="PredictRequests"/>, resolved once (a label lookup allocates).</summary>
    public static readonly Counter.Child PredictOk = PredictRequests.WithLabels("ok");

    /// <summary>Requests refused with 400.</summary>
    public static readonly Counter.Child PredictBadRequest = PredictRequests.WithLabels("bad_request");

    /// <summary>Requests answered 503 before a model was loaded.</summary>
    public static readonly Counter.Child PredictNotReady = PredictRequests.WithLabels("not_ready");

    /// <summary>Requests that failed inside the service (answered 500): a bug to look into, never bad input.</summary>
    public static readonly Counter.Child PredictError = PredictRequests.WithLabels("error");

    /// <summary>Records scored.</summary>
    public static readonly Counter ScoredRecords = Prometheus.Metrics.CreateCounter(
        "pipeline_scored_records_total", "Records scored.");

    /// <summary>/predict latency, from the first byte read to the response written.</summary>
    public static readonly Histogram PredictDuration = Prometheus.Metrics.CreateHistogram(
        "pipeline_predict_duration_seconds", "Prediction request latency in seconds.",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0001, 2, 16) });

    /// <summary>Distribution of predicted probabilities (drift in the output shows here first).</summary>
    public static readonly Histogram PredictionScore = Prometheus.Metrics.CreateHistogram(
        "pipeline_prediction_score", "Predicted probability of the positive class.",
        new HistogramConfiguration { Buckets = Histogram.LinearBuckets(0.05, 0.05, 20) });

    /// <summary>Distribution of each numeric input feature, labelled by column name.</summary>
    public static readonly Histogram FeatureValue = Prometheus.Metrics.CreateHistogram(
        "pipeline_feature_value", "Values of numeric input features as received, by column.",
        new HistogramConfiguration { LabelNames = ["feature"], Buckets = Histogram.PowersOfTenDividedBuckets(-2, 5, 10) });

    /// <summary>Counts of each categorical input value, labelled by column and value.</summary>
    public static readonly Counter FeatureCategory = Prometheus.Metrics.CreateCounter(
        "pipeline_feature_category_total", "Values of categorical input features as received, by column and value.",
        new CounterConfiguration { LabelNames = ["feature", "value"] });

    /// <summary>The served model version (value 1 for the current one).</summary>
    public static readonly Gauge ModelInfo = Prometheus.Metrics.CreateGauge(
        "pipeline_model_info", "The model version being served (1) and versions served before (0).", new GaugeConfiguration { LabelNames = ["version"] });

    /// <summary>Model swaps since start.</summary>
    public static readonly Counter ModelSwaps = Prometheus.Metrics.CreateCounter(
        "pipeline_model_swaps_total", "Times a newly promoted model was swapped in.");

    /// <summary>Scored records the inference log could not take because its queue was full.</summary>
    public static readonly Counter InferenceLogDropped = Prometheus.Metrics.CreateCounter(
        "pipeline_inference_log_dropped_records_total", "Scored records not written to the inference log because it fell behind.");

    // Label lookups allocate; a batch of 1,000 records makes thousands, so the children are cached.
    private static readonly ConcurrentDictionary<string, Histogram.Child> FeatureChildren = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<(string Feature, string Value), Counter.Child> CategoryChildren = new();
    private static string? _servedVersion;

    /// <summary>Records the input values and scores of a scored request.</summary>
    public static void ObserveScored(IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> records, IReadOnlyList<ScoreResult> results)
    {
        ScoredRecords.Inc(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            PredictionScore.Observe(results[i].Probability);
            foreach (var (name, value) in records[i])
            {
                if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number))
                {
                    FeatureChildren.GetOrAdd(name, n => FeatureValue.WithLabels(n)).Observe(number);
                }
                else if (value.ValueKind == JsonValueKind.String)
                {
                    // Only scored records get here, so the value is in the schema's domain: the label set stays small.
                    CategoryChildren.GetOrAdd((name, value.GetString() ?? ""), key => FeatureCategory.WithLabels(key.Feature, key.Value)).Inc();
                }
            }
        }
    }

    /// <summary>Marks <paramref name="version"/> as the served model.</summary>
    public static void SetServedVersion(string version)
    {
        if (_servedVersion is not null)
        {
            ModelInfo.WithLabels(_servedVersion).Set(0);
            ModelSwaps.Inc();
        }
        ModelInfo.WithLabels(version).Set(1);
        _servedVersion = version;
    }
}
