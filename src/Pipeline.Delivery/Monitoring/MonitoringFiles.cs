namespace Pipeline.Delivery.Monitoring;

/// <summary>The files <see cref="MonitoringFiles.Write"/> wrote, by role.</summary>
/// <param name="Directory">The folder they are in.</param>
/// <param name="PrometheusConfig">prometheus.yml (scrape the service, load the rules, send alerts).</param>
/// <param name="Rules">alert-rules.yml.</param>
/// <param name="AlertmanagerConfig">alertmanager.yml (the webhook receivers).</param>
/// <param name="Dashboard">grafana-dashboard.json.</param>
/// <param name="PrometheusRule">prometheus-rule.yaml (the rules as a Kubernetes PrometheusRule).</param>
public sealed record WrittenMonitoringFiles(string Directory, string PrometheusConfig, string Rules, string AlertmanagerConfig, string Dashboard, string PrometheusRule);

/// <summary>Writes the deployed model's monitoring files into one folder (artifacts/&lt;dataset&gt;/monitoring/).</summary>
public static class MonitoringFiles
{
    /// <summary>The rule file's name (prometheus.yml names it relative to itself).</summary>
    public const string RulesFile = "alert-rules.yml";

    /// <summary>Writes the files for <paramref name="settings"/> into <paramref name="directory"/>, replacing earlier ones.</summary>
    public static WrittenMonitoringFiles Write(string directory, MonitoringSettings settings)
    {
        Directory.CreateDirectory(directory);
        var written = new WrittenMonitoringFiles(directory,
            Path.Combine(directory, "prometheus.yml"), Path.Combine(directory, RulesFile), Path.Combine(directory, "alertmanager.yml"),
            Path.Combine(directory, "grafana-dashboard.json"), Path.Combine(directory, "prometheus-rule.yaml"));
        File.WriteAllText(written.PrometheusConfig, PrometheusConfiguration.ToPrometheusYaml(settings, RulesFile));
        File.WriteAllText(written.Rules, AlertRules.ToRuleFile(settings));
        File.WriteAllText(written.AlertmanagerConfig, PrometheusConfiguration.ToAlertmanagerYaml(settings));
        File.WriteAllText(written.Dashboard, GrafanaDashboard.ToJson(settings));
        File.WriteAllText(written.PrometheusRule, AlertRules.ToPrometheusRule(settings));
        return written;
    }
}
