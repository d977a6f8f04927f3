using Prometheus;

namespace Pipeline.Serving.Monitoring;

/// <summary>
/// Live drift and estimated performance as Prometheus gauges, computed from the served version's
/// <see cref="LiveDriftWindow"/> when <c>/metrics</c> is scraped. The generated alerting rules
/// (Pipeline.Delivery.Monitoring) read exactly these names.
/// </summary>
public static class LiveDriftMetrics
{
    /// <summary>PSI of each feature over the window against the training split.</summary>
    public static readonly Gauge FeaturePsi = Prometheus.Metrics.CreateGauge(
        "pipeline_feature_psi", "PSI of each input feature over the sliding window against the training reference.", new GaugeConfiguration { LabelNames = ["feature"] });

    /// <summary>Each feature's PSI threshold for a full window (CheckDrift's, at the stated false-alarm rate).</summary>
    public static readonly Gauge FeaturePsiThreshold = Prometheus.Metrics.CreateGauge(
        "pipeline_feature_psi_threshold", "PSI above which a feature drifted, for a full window.", new GaugeConfiguration { LabelNames = ["feature"] });

    /// <summary>PSI of the model's score over the window (prediction drift).</summary>
    public static readonly Gauge ScorePsi = Prometheus.Metrics.CreateGauge(
        "pipeline_score_psi", "PSI of the predicted probability over the sliding window against the training reference.");

    /// <summary>The score's PSI threshold.</summary>
    public static readonly Gauge ScorePsiThreshold = Prometheus.Metrics.CreateGauge(
        "pipeline_score_psi_threshold", "PSI above which the predicted probability drifted, for a full window.");

    /// <summary>Records in the window now.</summary>
    public static readonly Gauge WindowRows = Prometheus.Metrics.CreateGauge(
        "pipeline_live_drift_window_rows", "Scored records in the live-drift window.");

    /// <summary>Records a full window holds.</summary>
    public static readonly Gauge WindowCapacity = Prometheus.Metrics.CreateGauge(
        "pipeline_live_drift_window_capacity", "Scored records a full live-drift window holds (the thresholds hold for a full one).");

    /// <summary>CBPE's estimated F1 over the window.</summary>
    public static readonly Gauge EstimatedF1 = Prometheus.Metrics.CreateGauge(
        "pipeline_estimated_f1", "F1 estimated without labels (CBPE) over the live-drift window.");

    /// <summary>1 when the version's held-out calibration check trusts CBPE, else 0.</summary>
    public static readonly Gauge EstimateTrusted = Prometheus.Metrics.CreateGauge(
        "pipeline_performance_estimate_trusted", "1 when the served version's probabilities are calibrated enough for the F1 estimate, else 0.");

    static Func<LiveDriftWindow?>? _current;

    /// <summary>
    /// Exports the window <paramref name="current"/> returns at each scrape (the served version's; none while no
    /// version is loaded or it has no live-drift reference). Call once per process.
    /// </summary>
    public static void Export(Func<LiveDriftWindow?> current)
    {
        var first = _current is null;
        _current = current;
        if (first) Prometheus.Metrics.DefaultRegistry.AddBeforeCollectCallback(Update);
    }

    static void Update()
    {
        var snapshot = _current?.Invoke()?.Snapshot();
        // A swapped-in version without a live-drift reference (or other features) must not leave the last one's values.
        foreach (var labels in FeaturePsi.GetAllLabelValues().ToList())
            if (snapshot is null || !snapshot.Features.Any(f => f.Column == labels[0]))
            {
                FeaturePsi.RemoveLabelled(labels);
                FeaturePsiThreshold.RemoveLabelled(labels);
            }
        if (snapshot is null)
        {
            WindowRows.Set(0);
            WindowCapacity.Set(0);
            EstimateTrusted.Set(0);
            return;
        }
        WindowRows.Set(snapshot.Rows);
        WindowCapacity.Set(snapshot.Capacity);
        foreach (var feature in snapshot.Features)
        {
            FeaturePsi.WithLabels(feature.Column).Set(feature.Psi);
            FeaturePsiThreshold.WithLabels(feature.Column).Set(feature.Threshold);
        }
        if (snapshot.Score is { } score)
        {
            ScorePsi.Set(score.Psi);
            ScorePsiThreshold.Set(score.Threshold);
        }
        EstimatedF1.Set(snapshot.EstimatedF1);
        EstimateTrusted.Set(snapshot.EstimateTrusted ? 1 : 0);
    }
}
