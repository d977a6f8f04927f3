using System.Diagnostics;
using System.Globalization;
using Pipeline.Delivery.Monitoring;
using Pipeline.Engine;

/// <summary>
/// Production monitoring: the Prometheus, Alertmanager and Grafana files Deploy writes for the deployed model, and the
/// AlertReceiver target that answers a firing drift alert with the scheduled job's CheckDrift → Retrain.
/// </summary>
interface IAlerting : IContainerize, IRetrain
{
    [Parameter("Alert rules: how long a condition must hold before its alert fires, a Prometheus duration (default 10m; the ci profile shortens it)")]
    string AlertFor => TryGetValue(() => AlertFor) ?? "10m";

    [Parameter("Prometheus scrape and rule evaluation interval, a Prometheus duration (default 15s)")]
    string ScrapeInterval => TryGetValue(() => ScrapeInterval) ?? "15s";

    [Parameter("Alert rules: the estimated F1 (CBPE, on the live window) below which PipelineEstimatedF1Low fires")]
    double AlertF1Floor => TryGetValue(() => AlertF1Floor, 0.5);

    [Parameter("Alert rules: the p99 /predict latency SLO in milliseconds")]
    double LatencySloMs => TryGetValue(() => LatencySloMs, 50.0);

    [Parameter("Alertmanager: more webhook URLs that receive every alert as JSON (chat or incident tools), besides the alert receiver")]
    string[] AlertWebhooks => TryGetValue(() => AlertWebhooks) ?? [];

    [Parameter("Port of the AlertReceiver target (Alertmanager's webhook posts to http://127.0.0.1:<port>/alerts)")]
    int AlertReceiverPort => TryGetValue(() => AlertReceiverPort, 9095);

    /// <summary>artifacts/&lt;dataset&gt;/monitoring/.</summary>
    string MonitoringDirectory => Workspace.MonitoringDirectory;

    /// <summary>Writes the monitoring files for the service Deploy put at <paramref name="endpoint"/>.</summary>
    void WriteMonitoring(string endpoint)
    {
        // A Kubernetes deployment names a service, not an address reachable from here: its rules go to the cluster's
        // Prometheus as prometheus-rule.yaml, and prometheus.yml scrapes nothing.
        string[] targets = Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme.StartsWith("http", StringComparison.Ordinal) ? [uri.Authority] : [];
        var target = targets.Length > 0 ? targets[0] : $"nothing (the deployment has no address reachable from here: {endpoint})";
        var written = MonitoringFiles.Write(MonitoringDirectory, new MonitoringSettings(Spec.Name, ScoringImageName, targets)
        {
            AlertFor = AlertFor,
            ScrapeInterval = ScrapeInterval,
            F1Floor = AlertF1Floor,
            LatencySloSeconds = LatencySloMs / 1000,
            Webhooks = [$"http://127.0.0.1:{AlertReceiverPort.ToString(CultureInfo.InvariantCulture)}/alerts", .. AlertWebhooks],
        });
        Log.Information($"Monitoring: {written.PrometheusConfig} scrapes {target}; rules {written.Rules} (for: {AlertFor}), Alertmanager {written.AlertmanagerConfig}, Grafana dashboard {written.Dashboard}, PrometheusRule {written.PrometheusRule}.");
    }

    Target AlertReceiver => _ => _
        .Description("Listen for Alertmanager's webhook on --alert-receiver-port; a firing drift alert runs ./build.sh Retrain (CheckDrift on the deployed service's inference log, then Retrain) until Ctrl+C")
        .ReadOnly()
        .Executes(async cancellationToken =>
        {
            var receiver = new AlertReceiver($"http://127.0.0.1:{AlertReceiverPort.ToString(CultureInfo.InvariantCulture)}/",
                (alerts, token) => RespondToDriftAsync(token), Log.Information);
            await receiver.RunAsync(cancellationToken);
        });

    /// <summary>The scheduled job's drift response, as a build of its own (this target holds no build lock, so it can run one).</summary>
    async Task RespondToDriftAsync(CancellationToken cancellationToken)
    {
        var current = Current?.ToString() ?? Workspace.InferenceLogDirectory(ScoringImageName);
        var arguments = new List<string> { "Retrain", "--dataset", Spec.Name, "--current", current };
        if (RetrainData is { } data) arguments.AddRange(["--retrain-data", data.ToString()]);
        var start = new ProcessStartInfo(Path.Combine(RootDirectory, OperatingSystem.IsWindows() ? "build.ps1" : "build.sh")) { WorkingDirectory = RootDirectory };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Log.Information($"Drift alert: running ./build.sh {string.Join(" ", arguments)}");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        await process.WaitForExitAsync(cancellationToken);
        Log.Information($"Drift response finished with exit code {process.ExitCode}.");
    }
}
