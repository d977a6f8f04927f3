using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Pipeline.Serving.Tests;

namespace FaultSuite;

/// <summary>What the request corpus did to the service.</summary>
sealed record ServiceResult(int Requests, int Passes, int Unhandled, long RssBefore, long RssAfter, long RssPeak, string GcMode);

/// <summary>
/// The malformed-request corpus (tests/Pipeline.Serving.Tests/MalformedRequestCorpus.cs, generated and hostile
/// cases) posted to the scoring service as its own process, started as the container starts it (<c>dotnet
/// Pipeline.Serving.dll</c> with its runtimeconfig.json: the same GC settings), serving a registered version. One
/// pass first (JIT and first-use allocations in the baseline), then RSS before and after the measured passes.
/// </summary>
static class ServiceUnderMalformedRequests
{
    public static async Task<ServiceResult> RunAsync(SuiteOptions options, string versionFolder, string work)
    {
        var example = JsonNode.Parse(File.ReadAllText(Path.Combine(versionFolder, "input-example.json")))!.AsObject();
        var corpus = MalformedRequestCorpus.Generate(example, new Random(MalformedRequestCorpus.Seed)).Concat(MalformedRequestCorpus.Hostile(example)).ToList();
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])[options.Service, $"--Serving:ModelPath={versionFolder}", $"--Serving:Port={port}", "--Serving:ListenAddress=127.0.0.1",
                     $"--Serving:InferenceLogDirectory={Path.Combine(work, "inference-log")}"])
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(30) };
            await WaitUntilReadyAsync(http, process);
            var unhandled = await PassAsync(http, corpus);
            var before = Rss(process.Id);
            var peak = before;
            for (var pass = 0; pass < options.Passes; pass++)
            {
                unhandled += await PassAsync(http, corpus);
                peak = Math.Max(peak, Rss(process.Id));
            }
            var gc = Environment.GetEnvironmentVariable("DOTNET_gcServer") is { } forced ? $"DOTNET_gcServer={forced}" : "runtimeconfig.json of the published service";
            return new ServiceResult(corpus.Count, options.Passes, unhandled, before, Rss(process.Id), peak, gc);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    static async Task<int> PassAsync(HttpClient http, IReadOnlyList<MalformedRequest> corpus)
    {
        var unhandled = 0;
        foreach (var request in corpus)
        {
            try
            {
                using var content = request.ToContent();
                using var response = await http.PostAsync("predict", content);
                await response.Content.ReadAsByteArrayAsync();
                unhandled += (int)response.StatusCode >= 500 ? 1 : 0;
            }
            catch (HttpRequestException)
            {
                unhandled++;
            }
        }
        return unhandled;
    }

    static async Task WaitUntilReadyAsync(HttpClient http, Process process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var ready = await http.GetAsync("ready");
                if (ready.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"The service did not become ready within 60 s ({(process.HasExited ? $"exited with {process.ExitCode}" : "still running")}).");
    }

    static long Rss(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
