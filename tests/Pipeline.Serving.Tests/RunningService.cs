using Microsoft.AspNetCore.Builder;
using Pipeline.Serving.Model;

namespace Pipeline.Serving.Tests;

/// <summary>The scoring service on real Kestrel, on a free loopback port, with its own inference-log folder.</summary>
public sealed class RunningService : IAsyncDisposable
{
    private RunningService(WebApplication app, string inferenceLogDirectory)
    {
        App = app;
        InferenceLogDirectory = inferenceLogDirectory;
        Url = new Uri(app.Urls.First().Replace("0.0.0.0", "127.0.0.1") + "/");
        Http = new HttpClient { BaseAddress = Url };
    }

    public WebApplication App { get; }

    public Uri Url { get; }

    public HttpClient Http { get; }

    public string InferenceLogDirectory { get; }

    /// <summary>Starts the service on <paramref name="modelPath"/>; <paramref name="settings"/> are extra Serving:* settings.</summary>
    public static Task<RunningService> StartAsync(string modelPath, params string[] settings) => StartAsync(modelPath, null, settings);

    /// <summary>As above; <paramref name="beforeStart"/> may add endpoints to the built service before it starts.</summary>
    public static async Task<RunningService> StartAsync(string modelPath, Action<WebApplication>? beforeStart, params string[] settings)
    {
        var log = Directory.CreateTempSubdirectory("inference-log-").FullName;
        string[] args =
        [
            $"--Serving:ModelPath={modelPath}",
            "--Serving:Port=0",
            "--Serving:ListenAddress=127.0.0.1",
            $"--Serving:InferenceLogDirectory={log}",
            "--Logging:LogLevel:Default=Warning",
            .. settings.Select(s => $"--Serving:{s}"),
        ];
        var app = ScoringService.Build(args);
        beforeStart?.Invoke(app);
        await app.StartAsync();
        return new RunningService(app, log);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Directory.Delete(InferenceLogDirectory, recursive: true);
    }
}
