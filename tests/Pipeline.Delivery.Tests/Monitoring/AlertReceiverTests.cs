using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Pipeline.Delivery.Monitoring;

namespace Pipeline.Delivery.Tests.Monitoring;

/// <summary>The Alertmanager webhook receiver: a firing drift alert starts the drift response once; other alerts do not.</summary>
public sealed class AlertReceiverTests
{
    // An Alertmanager 0.25 webhook notification (payload version 4) as it posts a firing drift alert.
    static string Notification(string alertname, string status, string feature = "Air temperature [K]") => $$"""
        {"receiver":"pipeline","status":"{{status}}","alerts":[{"status":"{{status}}",
          "labels":{"alertname":"{{alertname}}","dataset":"ai4i2020","feature":"{{feature}}","instance":"127.0.0.1:18080","job":"pipeline-ai4i2020","severity":"warning"},
          "annotations":{"summary":"Feature {{feature}} of ai4i2020 drifted: PSI 6.4392 over its threshold on the live window"},
          "startsAt":"2026-11-30T03:50:00Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus/graph","fingerprint":"3f1c"}],
         "groupLabels":{"alertname":"{{alertname}}"},"commonLabels":{"alertname":"{{alertname}}"},"commonAnnotations":{},
         "externalURL":"http://alertmanager:9093","version":"4","groupKey":"{}:{alertname=\"{{alertname}}\"}","truncatedAlerts":0}
        """;

    [Fact]
    public async Task Posted_firing_drift_alert_starts_the_drift_response_with_the_drifted_feature()
    {
        var responses = new ConcurrentQueue<IReadOnlyList<NotifiedAlert>>();
        var (receiver, url, stop) = Start((alerts, _) => { responses.Enqueue(alerts); return Task.CompletedTask; });
        using var http = new HttpClient();

        using var response = await http.PostAsync(url + "alerts", new StringContent(Notification(AlertRules.FeatureDrift, "firing"), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Contains("\"dispatched\":true", await response.Content.ReadAsStringAsync());
        await receiver.Running!;
        var alert = Assert.Single(Assert.Single(responses));
        Assert.Equal("Air temperature [K]", alert.Labels["feature"]);
        await stop();
    }

    [Fact]
    public async Task Resolved_and_non_drift_alerts_start_nothing_and_a_malformed_body_is_refused_with_the_reason()
    {
        var started = 0;
        var (_, url, stop) = Start((_, _) => { Interlocked.Increment(ref started); return Task.CompletedTask; });
        using var http = new HttpClient();

        using var resolved = await http.PostAsync(url + "alerts", new StringContent(Notification(AlertRules.FeatureDrift, "resolved")));
        using var latency = await http.PostAsync(url + "alerts", new StringContent(Notification(AlertRules.LatencySlo, "firing")));
        using var malformed = await http.PostAsync(url + "alerts", new StringContent("{\"status\":\"firing\"}"));

        Assert.Equal(HttpStatusCode.Accepted, resolved.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, latency.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("alerts", await malformed.Content.ReadAsStringAsync());
        Assert.Equal(0, started);
        await stop();
    }

    [Fact]
    public async Task A_drift_alert_while_the_response_runs_is_answered_by_it_instead_of_starting_another()
    {
        var release = new TaskCompletionSource();
        var started = 0;
        var receiver = new AlertReceiver("http://127.0.0.1:1/", async (_, _) => { Interlocked.Increment(ref started); await release.Task; }, _ => { });

        var first = receiver.Receive(Notification(AlertRules.FeatureDrift, "firing"), CancellationToken.None);
        var second = receiver.Receive(Notification(AlertRules.PredictionDrift, "firing"), CancellationToken.None);
        release.SetResult();
        await receiver.Running!;

        Assert.True(first.Dispatched);
        Assert.False(second.Dispatched);
        Assert.Equal(1, started);
    }

    [SkippableFact]
    public async Task Real_alertmanager_delivers_a_drift_alert_to_the_receiver_through_the_generated_configuration()
    {
        MonitoringTools.Require(MonitoringTools.Alertmanager);
        var responses = new ConcurrentQueue<IReadOnlyList<NotifiedAlert>>();
        var (_, url, stop) = Start((alerts, _) => { responses.Enqueue(alerts); return Task.CompletedTask; });
        using var directory = new TemporaryDirectory();
        var port = FreePort();
        var written = MonitoringFiles.Write(directory.Path, new MonitoringSettings("ai4i2020", "pipeline-ai4i2020", ["127.0.0.1:18080"])
        {
            Alertmanager = $"127.0.0.1:{port}",
            Webhooks = [url + "alerts"],
        });
        var start = new ProcessStartInfo(MonitoringTools.Alertmanager) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { $"--config.file={written.AlertmanagerConfig}", $"--storage.path={directory["am-data"]}",
                     $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=" })
            start.ArgumentList.Add(argument);
        using var alertmanager = Process.Start(start)!;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await WaitUntilAsync(async () => (await TryGetAsync(http, "-/ready")) == HttpStatusCode.OK, "Alertmanager to become ready");
            // What Prometheus sends when PipelineFeatureDrift fires.
            var alert = """[{"labels":{"alertname":"PipelineFeatureDrift","dataset":"ai4i2020","feature":"Air temperature [K]","severity":"warning"},"annotations":{"summary":"drifted"}}]""";
            using var posted = await http.PostAsync("api/v2/alerts", new StringContent(alert, Encoding.UTF8, "application/json"));
            Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());

            await WaitUntilAsync(() => Task.FromResult(!responses.IsEmpty), "the receiver to get the alert (group_wait 10 s)");
            Assert.Equal("Air temperature [K]", Assert.Single(Assert.Single(responses)).Labels["feature"]);
        }
        finally
        {
            alertmanager.Kill(entireProcessTree: true);
            await alertmanager.WaitForExitAsync();
            await stop();
        }
    }

    static (AlertReceiver Receiver, string Url, Func<Task> Stop) Start(Func<IReadOnlyList<NotifiedAlert>, CancellationToken, Task> respond)
    {
        var url = $"http://127.0.0.1:{FreePort()}/";
        var receiver = new AlertReceiver(url, respond, _ => { });
        var cancel = new CancellationTokenSource();
        var running = receiver.RunAsync(cancel.Token);
        return (receiver, url, async () => { cancel.Cancel(); await running; cancel.Dispose(); });
    }

    static async Task<HttpStatusCode?> TryGetAsync(HttpClient http, string path)
    {
        try { using var response = await http.GetAsync(path); return response.StatusCode; }
        catch (HttpRequestException) { return null; }
    }

    static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(40); DateTime.UtcNow < deadline; await Task.Delay(200))
            if (await condition()) return;
        throw new TimeoutException($"Waited 40 s for {what}.");
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
