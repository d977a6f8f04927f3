namespace Pipeline.Delivery.Monitoring;

/// <summary>What Deploy's monitoring files watch and when their alerts fire.</summary>
/// <param name="Dataset">The dataset whose model is deployed (a label on every alert, and the rule group's name).</param>
/// <param name="Job">The Prometheus job name (the scoring image's name, e.g. pipeline-ai4i2020).</param>
/// <param name="Targets">The deployed service's host:port addresses Prometheus scrapes.</param>
public sealed record MonitoringSettings(string Dataset, string Job, IReadOnlyList<string> Targets)
{
    /// <summary>How often Prometheus scrapes and evaluates the rules (a Prometheus duration, e.g. 15s).</summary>
    public string ScrapeInterval { get; init; } = "15s";

    /// <summary>How long a condition must hold before its alert fires (the rules' <c>for:</c>, e.g. 10m; CI uses a short one).</summary>
    public string AlertFor { get; init; } = "10m";

    /// <summary>The window of the latency and error-rate rules' <c>rate()</c> (a Prometheus duration).</summary>
    public string RateWindow { get; init; } = "5m";

    /// <summary>The estimated F1 below which the performance alert fires.</summary>
    public double F1Floor { get; init; } = 0.5;

    /// <summary>The p99 /predict latency SLO in seconds.</summary>
    public double LatencySloSeconds { get; init; } = 0.05;

    /// <summary>The share of /predict requests answered 5xx above which the error alert fires.</summary>
    public double ErrorRateBudget { get; init; } = 0.01;

    /// <summary>The Alertmanager Prometheus sends alerts to (host:port).</summary>
    public string Alertmanager { get; init; } = "127.0.0.1:9093";

    /// <summary>Webhook URLs Alertmanager posts alerts to: the pipeline's alert receiver first, then any chat or incident tool's.</summary>
    public IReadOnlyList<string> Webhooks { get; init; } = ["http://127.0.0.1:9095/alerts"];
}
