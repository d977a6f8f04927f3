using System.Text;

namespace Pipeline.Delivery.Monitoring;

/// <summary>
/// The alerting rules Deploy writes for the deployed model, over the scoring service's own metrics: drift (a feature's
/// or the score's PSI over its threshold on a full window, for <see cref="MonitoringSettings.AlertFor"/>), estimated
/// F1 below a floor (only where the version's calibration check trusts the estimate), p99 latency over the SLO, and
/// the share of 5xx answers over its budget.
/// </summary>
public static class AlertRules
{
    /// <summary>A feature's PSI over its threshold: the alert the alert receiver answers with CheckDrift → Retrain.</summary>
    public const string FeatureDrift = "PipelineFeatureDrift";

    /// <summary>The score's PSI over its threshold.</summary>
    public const string PredictionDrift = "PipelinePredictionDrift";

    /// <summary>The estimated F1 under the floor.</summary>
    public const string EstimatedF1Low = "PipelineEstimatedF1Low";

    /// <summary>p99 latency over the SLO.</summary>
    public const string LatencySlo = "PipelineLatencySlo";

    /// <summary>5xx share over the budget.</summary>
    public const string ErrorRate = "PipelineErrorRate";

    /// <summary>The rules for <paramref name="settings"/>.</summary>
    public static IReadOnlyList<AlertRule> For(MonitoringSettings settings)
    {
        var job = $"job=\"{settings.Job}\"";
        var full = $"on(instance, job) (pipeline_live_drift_window_rows{{{job}}} >= pipeline_live_drift_window_capacity{{{job}}} > 0)";
        var requests = $"sum by (instance, job) (rate(pipeline_predict_requests_total{{{job}}}[{settings.RateWindow}]))";
        return
        [
            new(FeatureDrift,
                $"(pipeline_feature_psi{{{job}}} > pipeline_feature_psi_threshold{{{job}}}) and {full}",
                settings.AlertFor, "warning",
                "Feature {{ $labels.feature }} of " + settings.Dataset + " drifted: PSI {{ $value | printf \"%.4f\" }} over its threshold on the live window"),
            new(PredictionDrift,
                $"(pipeline_score_psi{{{job}}} > pipeline_score_psi_threshold{{{job}}}) and {full}",
                settings.AlertFor, "warning",
                "The model score of " + settings.Dataset + " drifted: PSI {{ $value | printf \"%.4f\" }} over its threshold on the live window"),
            new(EstimatedF1Low,
                $"(pipeline_estimated_f1{{{job}}} < {YamlText.Number(settings.F1Floor)}) and on(instance, job) (pipeline_performance_estimate_trusted{{{job}}} == 1) and {full}",
                settings.AlertFor, "critical",
                "Estimated F1 (CBPE) of " + settings.Dataset + " is {{ $value | printf \"%.3f\" }}, under the floor " + YamlText.Number(settings.F1Floor)),
            new(LatencySlo,
                $"histogram_quantile(0.99, sum by (le, instance, job) (rate(pipeline_predict_duration_seconds_bucket{{{job}}}[{settings.RateWindow}]))) > {YamlText.Number(settings.LatencySloSeconds)}",
                settings.AlertFor, "warning",
                "p99 /predict latency of " + settings.Dataset + " is {{ $value | humanizeDuration }}, over the SLO of " + YamlText.Number(settings.LatencySloSeconds) + " s"),
            new(ErrorRate,
                $"sum by (instance, job) (rate(pipeline_predict_requests_total{{{job}, outcome=~\"error|not_ready\"}}[{settings.RateWindow}])) / {requests} > {YamlText.Number(settings.ErrorRateBudget)}",
                settings.AlertFor, "critical",
                "{{ $value | humanizePercentage }} of /predict requests to " + settings.Dataset + " were answered 5xx (budget " + YamlText.Number(settings.ErrorRateBudget) + ")"),
        ];
    }

    /// <summary>The rules as a Prometheus rule file (<c>promtool check rules</c> reads it).</summary>
    public static string ToRuleFile(MonitoringSettings settings) => "groups:\n" + Groups(settings, "");

    /// <summary>The same rules as a Kubernetes PrometheusRule (Prometheus Operator), for clusters that run one.</summary>
    public static string ToPrometheusRule(MonitoringSettings settings) =>
        "apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata:\n" +
        $"  name: {YamlText.Quote(settings.Job)}\n  labels:\n    app: {YamlText.Quote(settings.Job)}\nspec:\n  groups:\n" + Groups(settings, "    ");

    static string Groups(MonitoringSettings settings, string indent)
    {
        var text = new StringBuilder();
        text.Append($"{indent}- name: {YamlText.Quote("pipeline-" + settings.Dataset)}\n");
        text.Append($"{indent}  interval: {settings.ScrapeInterval}\n");
        text.Append($"{indent}  rules:\n");
        foreach (var rule in For(settings))
        {
            text.Append($"{indent}    - alert: {rule.Name}\n");
            text.Append($"{indent}      expr: {YamlText.Quote(rule.Expression)}\n");
            text.Append($"{indent}      for: {rule.For}\n");
            text.Append($"{indent}      labels:\n{indent}        severity: {rule.Severity}\n{indent}        dataset: {YamlText.Quote(settings.Dataset)}\n");
            text.Append($"{indent}      annotations:\n{indent}        summary: {YamlText.Quote(rule.Summary)}\n");
        }
        return text.ToString();
    }
}
