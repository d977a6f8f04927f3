using System.Net.Http.Json;
using System.Text.Json;
using Pipeline.Delivery.Monitoring;

namespace Pipeline.Serving.Tests;

/// <summary>The live-drift gauges read through process-wide metrics; these tests run alone so no other service's window is exported.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveDriftMetricsCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "live drift metrics";
}

/// <summary>
/// The scoring service's live-drift gauges and Deploy's generated Prometheus files, against a real Prometheus (Debian's)
/// scraping a real in-process service.
/// </summary>
[Collection(LiveDriftMetricsCollection.Name)]
public sealed class LiveDriftPrometheusTests
{
    const int Window = 300;

    [Fact]
    public async Task Service_exports_each_features_psi_under_its_threshold_for_normal_traffic_and_over_it_for_hot_ambient()
    {
        using var registry = new TemporaryDirectory();
        var version = LiveDriftVersion.Register(registry.Path, Window);
        await using var service = await RunningService.StartAsync(version);

        await PostAsync(service, LiveDriftVersion.Simulated(Window, 21));
        var normal = await GaugesAsync(service);
        await PostAsync(service, LiveDriftVersion.Simulated(Window, 22, "hot-ambient"));
        var hot = await GaugesAsync(service);

        const string air = "pipeline_feature_psi{feature=\"Air temperature [K]\"}";
        const string airThreshold = "pipeline_feature_psi_threshold{feature=\"Air temperature [K]\"}";
        Assert.Equal(Window, normal["pipeline_live_drift_window_rows"]);
        Assert.True(normal[air] < normal[airThreshold], $"normal traffic: PSI {normal[air]}, threshold {normal[airThreshold]}");
        Assert.True(hot[air] > hot[airThreshold], $"hot-ambient traffic: PSI {hot[air]}, threshold {hot[airThreshold]}");
        Assert.InRange(hot["pipeline_estimated_f1"], 0, 1);
        Assert.Contains("pipeline_score_psi", hot.Keys);
    }

    [SkippableFact]
    public async Task Prometheus_fires_the_drift_alert_on_hot_ambient_traffic_and_answers_every_dashboard_query()
    {
        SkipLocally.Unless(File.Exists(PrometheusServer.Executable), $"Debian's prometheus is not installed ({PrometheusServer.Executable}; apt-get install prometheus)");
        using var registry = new TemporaryDirectory();
        var version = LiveDriftVersion.Register(registry.Path, Window);
        await using var service = await RunningService.StartAsync(version);
        using var files = new TemporaryDirectory();
        var settings = new MonitoringSettings("ai4i2020", "pipeline-test", [service.Url.Authority]) { ScrapeInterval = "1s", AlertFor = "3s", RateWindow = "30s" };
        var written = MonitoringFiles.Write(files.Path, settings);
        await using var prometheus = await PrometheusServer.StartAsync(written.PrometheusConfig);

        await PostAsync(service, LiveDriftVersion.Simulated(Window, 21));
        await Task.Delay(TimeSpan.FromSeconds(6)); // several scrapes and evaluations of normal traffic
        Assert.DoesNotContain(await FiringAsync(prometheus), a => a.Name == AlertRules.FeatureDrift);
        await PostAsync(service, LiveDriftVersion.Simulated(Window, 22, "hot-ambient"));

        // It fires within seconds on a quiet machine; the generous deadline only keeps a loaded one from failing it.
        var deadline = DateTime.UtcNow.AddSeconds(180);
        List<(string Name, string? Feature)> firing;
        while (!(firing = await FiringAsync(prometheus)).Any(a => a.Name == AlertRules.FeatureDrift) && DateTime.UtcNow < deadline)
            await Task.Delay(500);
        Assert.Contains((AlertRules.FeatureDrift, "Air temperature [K]"), firing);

        foreach (var panel in GrafanaDashboard.Panels(settings))
        {
            var result = await prometheus.QueryAsync(panel.Query);
            Assert.True(result.GetArrayLength() > 0, $"Dashboard panel '{panel.Title}' ({panel.Query}) returned no series.");
        }
    }

    static async Task<List<(string Name, string? Feature)>> FiringAsync(PrometheusServer prometheus) =>
        (await prometheus.AlertsAsync()).EnumerateArray()
            .Where(a => a.GetProperty("state").GetString() == "firing")
            .Select(a => (a.GetProperty("labels").GetProperty("alertname").GetString()!,
                a.GetProperty("labels").TryGetProperty("feature", out var f) ? f.GetString() : null))
            .ToList();

    static async Task PostAsync(RunningService service, Pipeline.Data.Loading.Dataset data)
    {
        var records = LiveDriftVersion.Records(data, 0, data.RowCount);
        for (var start = 0; start < records.Count; start += 100)
        {
            using var response = await service.Http.PostAsJsonAsync("predict", records.Skip(start).Take(100));
            response.EnsureSuccessStatusCode();
        }
    }

    // The service's /metrics as series → value (only unlabelled series and the drift gauges are needed here).
    static async Task<Dictionary<string, double>> GaugesAsync(RunningService service)
    {
        var text = await service.Http.GetStringAsync("metrics");
        return text.Split('\n')
            .Where(line => line.StartsWith("pipeline_", StringComparison.Ordinal))
            .Select(line => (Series: line[..line.LastIndexOf(' ')], Value: line[(line.LastIndexOf(' ') + 1)..]))
            .Where(s => double.TryParse(s.Value, System.Globalization.CultureInfo.InvariantCulture, out _))
            .GroupBy(s => s.Series).ToDictionary(g => g.Key, g => double.Parse(g.First().Value, System.Globalization.CultureInfo.InvariantCulture));
    }
}
