using System.Collections.Concurrent;
using Pipeline.Modeling.Scoring;
using Prometheus;

namespace Pipeline.Serving.Routing;

/// <summary>
/// Per-version metrics at <c>/metrics</c>, labelled by version and role (champion, canary, shadow), so a canary's or a
/// shadow's requests, latency and scores can be put beside the champion's.
/// </summary>
public static class VersionMetrics
{
    private static readonly string[] Labels = ["version", "role"];

    /// <summary>Requests scored by each version (for a shadow: requests it scored off the request path).</summary>
    public static readonly Counter Requests = Prometheus.Metrics.CreateCounter(
        "pipeline_version_requests_total", "Requests scored, by model version and role.", new CounterConfiguration { LabelNames = Labels });

    /// <summary>Requests a version failed to score (an exception inside the model, never bad input).</summary>
    public static readonly Counter Errors = Prometheus.Metrics.CreateCounter(
        "pipeline_version_errors_total", "Requests a model version failed to score, by version and role.", new CounterConfiguration { LabelNames = Labels });

    /// <summary>
    /// Scoring latency of each version (for the champion and canaries: the whole request, as the caller saw it; for a
    /// shadow, which scores requests in batches: its batch's scoring time shared out per request).
    /// </summary>
    public static readonly Histogram Duration = Prometheus.Metrics.CreateHistogram(
        "pipeline_version_duration_seconds", "Scoring latency in seconds, by model version and role.",
        new HistogramConfiguration { LabelNames = Labels, Buckets = Histogram.ExponentialBuckets(0.0001, 2, 16) });

    /// <summary>Distribution of each version's predicted probabilities.</summary>
    public static readonly Histogram Score = Prometheus.Metrics.CreateHistogram(
        "pipeline_version_score", "Predicted probability of the positive class, by model version and role.",
        new HistogramConfiguration { LabelNames = Labels, Buckets = Histogram.LinearBuckets(0.05, 0.05, 20) });

    /// <summary>Requests the shadow challengers never scored because their queue was full.</summary>
    public static readonly Counter ShadowDropped = Prometheus.Metrics.CreateCounter(
        "pipeline_shadow_dropped_requests_total", "Requests not scored by the shadow challengers because their queue was full.");

    private static readonly ConcurrentDictionary<(string Version, string Role), Children> ByVersion = new();

    /// <summary>Records one request scored by <paramref name="version"/> in <paramref name="role"/>.</summary>
    public static void ObserveScored(string version, string role, IReadOnlyList<ScoreResult> results, TimeSpan elapsed)
    {
        var children = ChildrenOf(version, role);
        children.Requests.Inc();
        children.Duration.Observe(elapsed.TotalSeconds);
        for (var i = 0; i < results.Count; i++) children.Score.Observe(results[i].Probability);
    }

    /// <summary>Records one request <paramref name="version"/> failed to score.</summary>
    public static void ObserveError(string version, string role) => ChildrenOf(version, role).Errors.Inc();

    // Label lookups allocate: the children of each (version, role) are resolved once.
    private static Children ChildrenOf(string version, string role) => ByVersion.GetOrAdd((version, role), key => new Children(
        Requests.WithLabels(key.Version, key.Role), Errors.WithLabels(key.Version, key.Role),
        Duration.WithLabels(key.Version, key.Role), Score.WithLabels(key.Version, key.Role)));

    private sealed record Children(Counter.Child Requests, Counter.Child Errors, Histogram.Child Duration, Histogram.Child Score);
}
