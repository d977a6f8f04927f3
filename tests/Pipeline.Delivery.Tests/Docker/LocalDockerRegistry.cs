using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Pipeline.Delivery.Tests.Docker;

/// <summary>Debian's <c>docker-registry</c> (the real distribution registry) on a free loopback port, with its own storage.</summary>
public sealed class LocalDockerRegistry : IAsyncDisposable
{
    private readonly Process _process;

    private LocalDockerRegistry(Process process, string host)
    {
        _process = process;
        Host = host;
    }

    /// <summary>host:port, which the engine treats as an insecure (HTTP) registry because it is loopback.</summary>
    public string Host { get; }

    public static async Task<LocalDockerRegistry> StartAsync(string workDirectory)
    {
        var binary = new[] { "/usr/bin/docker-registry", "/usr/local/bin/docker-registry" }.FirstOrDefault(File.Exists);
        SkipLocally.Unless(binary is not null,
            "Debian's docker-registry package is not installed (apt-get install docker-registry; .ci/docker-engine.sh installs it).");
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var directory = Path.Combine(workDirectory, $"registry-{port}");
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "config.yml");
        File.WriteAllText(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {directory}/data
            http:
              addr: 127.0.0.1:{port}
            """);
        var process = Process.Start(new ProcessStartInfo(binary!, ["serve", config]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = $"127.0.0.1:{port}";
        // A deadline, not a number of attempts: on a loaded CI machine the registry can take seconds to listen.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync($"http://{host}/v2/");
                if (response.IsSuccessStatusCode) return new LocalDockerRegistry(process, host);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        process.Kill();
        throw new InvalidOperationException($"docker-registry did not answer on {host}.");
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
