using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Delivery.Monitoring;

/// <summary>One dashboard panel: a title, its PromQL query and the unit Grafana shows it in.</summary>
/// <param name="Title">The panel's title.</param>
/// <param name="Query">The PromQL query (run as is against Prometheus by the tests).</param>
/// <param name="Legend">The series' legend format.</param>
/// <param name="Unit">Grafana's unit id (e.g. s, percentunit, none).</param>
public sealed record DashboardPanel(string Title, string Query, string Legend, string Unit);

/// <summary>The Grafana dashboard (JSON model, importable) Deploy writes for the deployed model.</summary>
public static class GrafanaDashboard
{
    /// <summary>The panels, in order.</summary>
    public static IReadOnlyList<DashboardPanel> Panels(MonitoringSettings settings)
    {
        var job = $"job=\"{settings.Job}\"";
        return
        [
            new("Feature PSI (live window)", $"pipeline_feature_psi{{{job}}}", "{{feature}}", "none"),
            new("Feature PSI threshold", $"pipeline_feature_psi_threshold{{{job}}}", "{{feature}}", "none"),
            new("Features over their threshold", $"count by (job) (pipeline_feature_psi{{{job}}} > pipeline_feature_psi_threshold{{{job}}}) or on(job) (0 * max by (job) (pipeline_live_drift_window_capacity{{{job}}}))", "drifted features", "none"),
            new("Score PSI and threshold", $"pipeline_score_psi{{{job}}} or pipeline_score_psi_threshold{{{job}}}", "{{__name__}}", "none"),
            new("Estimated F1 (CBPE)", $"pipeline_estimated_f1{{{job}}}", "estimated F1", "none"),
            new("Live window fill", $"pipeline_live_drift_window_rows{{{job}}} / pipeline_live_drift_window_capacity{{{job}}}", "{{instance}}", "percentunit"),
            new("/predict p99 latency", $"histogram_quantile(0.99, sum by (le, job) (rate(pipeline_predict_duration_seconds_bucket{{{job}}}[{settings.RateWindow}])))", "p99", "s"),
            new("/predict requests per second by outcome", $"sum by (outcome) (rate(pipeline_predict_requests_total{{{job}}}[{settings.RateWindow}]))", "{{outcome}}", "reqps"),
            new("Served model version", $"pipeline_model_info{{{job}}} == 1", "v{{version}}", "none"),
        ];
    }

    /// <summary>The dashboard JSON.</summary>
    public static string ToJson(MonitoringSettings settings)
    {
        var panels = new JsonArray();
        var index = 0;
        foreach (var panel in Panels(settings))
        {
            panels.Add(new JsonObject
            {
                ["id"] = index + 1,
                ["type"] = "timeseries",
                ["title"] = panel.Title,
                ["gridPos"] = new JsonObject { ["x"] = index % 2 * 12, ["y"] = index / 2 * 8, ["w"] = 12, ["h"] = 8 },
                ["datasource"] = new JsonObject { ["type"] = "prometheus", ["uid"] = "${datasource}" },
                ["fieldConfig"] = new JsonObject { ["defaults"] = new JsonObject { ["unit"] = panel.Unit } },
                ["targets"] = new JsonArray(new JsonObject { ["refId"] = "A", ["expr"] = panel.Query, ["legendFormat"] = panel.Legend }),
            });
            index++;
        }
        var dashboard = new JsonObject
        {
            ["title"] = $"Pipeline: {settings.Dataset}",
            ["uid"] = $"pipeline-{settings.Dataset}",
            ["tags"] = new JsonArray("pipeline", settings.Dataset),
            ["schemaVersion"] = 39,
            ["time"] = new JsonObject { ["from"] = "now-6h", ["to"] = "now" },
            ["refresh"] = "30s",
            ["templating"] = new JsonObject
            {
                ["list"] = new JsonArray(new JsonObject { ["name"] = "datasource", ["type"] = "datasource", ["query"] = "prometheus", ["label"] = "Prometheus" }),
            },
            ["panels"] = panels,
        };
        return dashboard.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
