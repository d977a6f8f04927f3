using System.Text;

namespace Pipeline.Delivery.Monitoring;

/// <summary>
/// The Prometheus configuration Deploy writes: scrape the deployed service, evaluate the rule file beside it, send
/// alerts to Alertmanager; and Alertmanager's, which posts every alert of the model to the webhooks (the pipeline's
/// alert receiver, then any other tool's: Alertmanager's webhook payload is generic JSON).
/// </summary>
public static class PrometheusConfiguration
{
    /// <summary><c>prometheus.yml</c>, with <paramref name="ruleFile"/> relative to it.</summary>
    public static string ToPrometheusYaml(MonitoringSettings settings, string ruleFile)
    {
        var text = new StringBuilder();
        text.Append($"global:\n  scrape_interval: {settings.ScrapeInterval}\n  evaluation_interval: {settings.ScrapeInterval}\n");
        text.Append($"rule_files:\n  - {YamlText.Quote(ruleFile)}\n");
        text.Append($"alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: [{YamlText.Quote(settings.Alertmanager)}]\n");
        text.Append($"scrape_configs:\n  - job_name: {YamlText.Quote(settings.Job)}\n    metrics_path: /metrics\n    static_configs:\n");
        text.Append($"      - targets: [{string.Join(", ", settings.Targets.Select(YamlText.Quote))}]\n");
        text.Append($"        labels:\n          dataset: {YamlText.Quote(settings.Dataset)}\n");
        return text.ToString();
    }

    /// <summary><c>alertmanager.yml</c>: the model's alerts grouped per alert and feature, to every webhook.</summary>
    public static string ToAlertmanagerYaml(MonitoringSettings settings)
    {
        var text = new StringBuilder();
        text.Append("route:\n  receiver: pipeline\n  group_by: [alertname, dataset, feature]\n");
        text.Append("  group_wait: 10s\n  group_interval: 1m\n  repeat_interval: 4h\n");
        text.Append("receivers:\n  - name: pipeline\n    webhook_configs:\n");
        foreach (var url in settings.Webhooks)
            text.Append($"      - url: {YamlText.Quote(url)}\n        send_resolved: true\n");
        return text.ToString();
    }
}
