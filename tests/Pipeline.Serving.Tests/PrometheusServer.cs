using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace Pipeline.Serving.Tests;

/// <summary>Debian's Prometheus, started for one test on a free loopback port with a configuration file and its own storage.</summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    /// <summary>Where Debian's package installs it.</summary>
    public const string Executable = "/usr/bin/prometheus";

    readonly Process _process;
    readonly TemporaryDirectory _storage;

    PrometheusServer(Process process, TemporaryDirectory storage, Uri url)
    {
        _process = process;
        _storage = storage;
        Url = url;
        Http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>The server's address.</summary>
    public Uri Url { get; }

    /// <summary>A client for its HTTP API.</summary>
    public HttpClient Http { get; }

    /// <summary>Starts Prometheus on <paramref name="configFile"/> and waits until it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(string configFile)
    {
        var storage = new TemporaryDirectory("prometheus-");
        var url = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo(Executable) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { $"--config.file={configFile}", $"--storage.tsdb.path={storage.Path}", $"--web.listen-address={url.Authority}" })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new PrometheusServer(process, storage, url);
        var deadline = DateTime.UtcNow.AddSeconds(120); // a loaded CI machine can take long to start it
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) break;
            try
            {
                if ((await server.Http.GetAsync("-/ready")).IsSuccessStatusCode) return server;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(200);
        }
        await server.DisposeAsync();
        throw new InvalidOperationException($"Prometheus did not become ready on {url}; its log:\n{string.Join("\n", log.TakeLast(20))}");
    }

    /// <summary>Runs an instant query; returns the API's data.result array.</summary>
    public async Task<JsonElement> QueryAsync(string promql)
    {
        using var response = await Http.GetAsync("api/v1/query?query=" + Uri.EscapeDataString(promql));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        if (response.StatusCode != HttpStatusCode.OK || body.GetProperty("status").GetString() != "success")
            throw new InvalidOperationException($"Prometheus refused the query {promql}: {body}");
        return body.GetProperty("data").GetProperty("result").Clone();
    }

    /// <summary>The alerts the server's rules hold now (pending or firing).</summary>
    public async Task<JsonElement> AlertsAsync()
    {
        var body = JsonDocument.Parse(await Http.GetStringAsync("api/v1/alerts")).RootElement;
        return body.GetProperty("data").GetProperty("alerts").Clone();
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _storage.Dispose();
    }
}
