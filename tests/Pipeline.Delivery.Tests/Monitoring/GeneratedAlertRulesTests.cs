using Pipeline.Delivery.Monitoring;

namespace Pipeline.Delivery.Tests.Monitoring;

/// <summary>Deploy's Prometheus and Alertmanager files, checked and unit-tested by Debian's promtool and amtool.</summary>
public sealed class GeneratedAlertRulesTests
{
    static readonly MonitoringSettings Settings = new("ai4i2020", "pipeline-ai4i2020", ["127.0.0.1:18080"])
    {
        AlertFor = "5m",
        ScrapeInterval = "1m",
        F1Floor = 0.5,
        LatencySloSeconds = 0.05,
        ErrorRateBudget = 0.01,
        Webhooks = ["http://127.0.0.1:9095/alerts", "https://chat.example/hooks/models"],
    };

    [SkippableFact]
    public void Generated_configuration_and_rules_pass_promtool_and_amtool_checks()
    {
        MonitoringTools.Require(MonitoringTools.Promtool);
        MonitoringTools.Require(MonitoringTools.Amtool);
        using var directory = new TemporaryDirectory();
        var written = MonitoringFiles.Write(directory.Path, Settings);

        var rules = MonitoringTools.Run(MonitoringTools.Promtool, directory.Path, "check", "rules", written.Rules);
        var config = MonitoringTools.Run(MonitoringTools.Promtool, directory.Path, "check", "config", written.PrometheusConfig);
        var alertmanager = MonitoringTools.Run(MonitoringTools.Amtool, directory.Path, "check-config", written.AlertmanagerConfig);

        Assert.True(rules.ExitCode == 0, rules.Output);
        Assert.Contains("SUCCESS: 5 rules found", rules.Output);
        Assert.True(config.ExitCode == 0, config.Output);
        Assert.True(alertmanager.ExitCode == 0, alertmanager.Output);
        Assert.Contains("https://chat.example/hooks/models", File.ReadAllText(written.AlertmanagerConfig));
    }

    [SkippableFact]
    public void Promtool_unit_tests_fire_each_alert_only_after_its_condition_held_for_the_configured_time()
    {
        MonitoringTools.Require(MonitoringTools.Promtool);
        using var directory = new TemporaryDirectory();
        MonitoringFiles.Write(directory.Path, Settings);
        var test = directory.Write("alert-rules.test.yml", RuleTest);

        var result = MonitoringTools.Run(MonitoringTools.Promtool, directory.Path, "test", "rules", test);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("SUCCESS", result.Output);
    }

    [SkippableFact]
    public void Promtool_unit_test_fails_when_a_drift_alert_is_expected_before_the_window_is_full()
    {
        // The guard of the rule tests above: the same harness reports a rule that does not fire as a failure.
        MonitoringTools.Require(MonitoringTools.Promtool);
        using var directory = new TemporaryDirectory();
        MonitoringFiles.Write(directory.Path, Settings);
        var test = directory.Write("alert-rules.test.yml", RuleTest.Replace("'1000x40'", "'400x40'"));

        var result = MonitoringTools.Run(MonitoringTools.Promtool, directory.Path, "test", "rules", test);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(AlertRules.FeatureDrift, result.Output);
    }

    [Fact]
    public void Prometheus_rule_for_kubernetes_carries_the_same_rules()
    {
        var ruleFile = AlertRules.ToRuleFile(Settings);
        var operatorRule = AlertRules.ToPrometheusRule(Settings);

        Assert.StartsWith("apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\n", operatorRule);
        foreach (var rule in AlertRules.For(Settings))
        {
            Assert.Contains($"alert: {rule.Name}", ruleFile);
            Assert.Contains($"alert: {rule.Name}", operatorRule);
        }
    }

    // Minute by minute: the window is full throughout; Air temperature's PSI crosses its threshold at minute 5 (Torque
    // stays under its own), the estimated F1 falls under the floor at minute 5, and from minute 11 requests slow down
    // to 10-100 ms and one in eleven fails.
    const string Labels = "job=\"pipeline-ai4i2020\",instance=\"127.0.0.1:18080\"";
    static readonly string RuleTest = $$"""
        rule_files: [alert-rules.yml]
        evaluation_interval: 1m
        tests:
          - interval: 1m
            input_series:
              - series: 'pipeline_feature_psi{{{Labels}},feature="Air temperature [K]"}'
                values: '0.1x4 3x35'
              - series: 'pipeline_feature_psi_threshold{{{Labels}},feature="Air temperature [K]"}'
                values: '1.5x40'
              - series: 'pipeline_feature_psi{{{Labels}},feature="Torque [Nm]"}'
                values: '0.01x40'
              - series: 'pipeline_feature_psi_threshold{{{Labels}},feature="Torque [Nm]"}'
                values: '0.03x40'
              - series: 'pipeline_live_drift_window_rows{{{Labels}}}'
                values: '1000x40'
              - series: 'pipeline_live_drift_window_capacity{{{Labels}}}'
                values: '1000+0x40'
              - series: 'pipeline_estimated_f1{{{Labels}}}'
                values: '0.9x4 0.3x35'
              - series: 'pipeline_performance_estimate_trusted{{{Labels}}}'
                values: '1x40'
              - series: 'pipeline_predict_requests_total{{{Labels}},outcome="ok"}'
                values: '0+600x40'
              - series: 'pipeline_predict_requests_total{{{Labels}},outcome="error"}'
                values: '0x10 60+60x29'
              - series: 'pipeline_predict_duration_seconds_bucket{{{Labels}},le="0.01"}'
                values: '0+600x10 6000x29'
              - series: 'pipeline_predict_duration_seconds_bucket{{{Labels}},le="0.1"}'
                values: '0+600x40'
              - series: 'pipeline_predict_duration_seconds_bucket{{{Labels}},le="+Inf"}'
                values: '0+600x40'
            alert_rule_test:
              - eval_time: 8m
                alertname: PipelineFeatureDrift
                exp_alerts: []
              - eval_time: 12m
                alertname: PipelineFeatureDrift
                exp_alerts:
                  - exp_labels: {severity: warning, dataset: ai4i2020, job: pipeline-ai4i2020, instance: "127.0.0.1:18080", feature: "Air temperature [K]"}
                    exp_annotations: {summary: "Feature Air temperature [K] of ai4i2020 drifted: PSI 3.0000 over its threshold on the live window"}
              - eval_time: 12m
                alertname: PipelineEstimatedF1Low
                exp_alerts:
                  - exp_labels: {severity: critical, dataset: ai4i2020, job: pipeline-ai4i2020, instance: "127.0.0.1:18080"}
                    exp_annotations: {summary: "Estimated F1 (CBPE) of ai4i2020 is 0.300, under the floor 0.5"}
              - eval_time: 10m
                alertname: PipelineLatencySlo
                exp_alerts: []
              - eval_time: 10m
                alertname: PipelineErrorRate
                exp_alerts: []
              - eval_time: 25m
                alertname: PipelineLatencySlo
                exp_alerts:
                  - exp_labels: {severity: warning, dataset: ai4i2020, job: pipeline-ai4i2020, instance: "127.0.0.1:18080"}
                    exp_annotations: {summary: "p99 /predict latency of ai4i2020 is 99.1ms, over the SLO of 0.05 s"}
              - eval_time: 25m
                alertname: PipelineErrorRate
                exp_alerts:
                  - exp_labels: {severity: critical, dataset: ai4i2020, job: pipeline-ai4i2020, instance: "127.0.0.1:18080"}
                    exp_annotations: {summary: "9.091% of /predict requests to ai4i2020 were answered 5xx (budget 0.01)"}
        """;
}
