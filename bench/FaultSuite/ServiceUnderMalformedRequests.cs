using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Pipeline.Serving.Tests;

namespace FaultSuite;

/// <summary>What the request corpus did to the service.</summary>
sealed record ServiceResult(int Requests, int Passes, int Unhandled, long RssBefore, long RssAfter, long RssPeak, string GcMode, long ManagedBefore, long ManagedAfter);

/// <summary>
/// The malformed-request corpus (tests/Pipeline.Serving.Tests/MalformedRequestCorpus.cs, generated and hostile
/// cases) posted to the scoring service as its own process, started as the container starts it (<c>dotnet
/// Pipeline.Serving.dll</c> with its runtimeconfig.json: the same GC settings), serving a registered version. One
/// pass first (first JIT and first-use allocations in the baseline), then RSS before and after the measured passes.
/// Tiered compilation keeps re-compiling hot methods over the next passes (any traffic does that, valid requests
/// too): the lines every 5 passes show it beside the GC's committed memory, so growth can be told apart.
/// </summary>
static class ServiceUnderMalformedRequests
{
    public static async Task<ServiceResult> RunAsync(SuiteOptions options, string versionFolder, string work)
    {
        var example = JsonNode.Parse(File.ReadAllText(Path.Combine(versionFolder, "input-example.json")))!.AsObject();
        var part = Environment.GetEnvironmentVariable("FAULTS_CORPUS");
        var corpus = (part == "hostile" ? [] : MalformedRequestCorpus.Generate(example, new Random(MalformedRequestCorpus.Seed)))
            .Concat(part == "generated" ? [] : MalformedRequestCorpus.Hostile(example)).ToList();
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
            Console.Error.WriteLine($"  before: {Status(process.Id)}, {await GrowthSourcesAsync(http)}, allocated so far {await MetricAsync(http, "system_runtime_dotnet_gc_heap_total_allocated ") / 1048576.0:F1} MB, LOH {await MetricAsync(http, "system_runtime_dotnet_gc_last_collection_heap_size{gc_heap_generation=\"loh\"} ") / 1048576.0:F1} MB");
            var before = Rss(process.Id);
            var managedBefore = await ManagedHeapAsync(http);
            var peak = before;
            for (var pass = 0; pass < options.Passes; pass++)
            {
                unhandled += await PassAsync(http, corpus);
                peak = Math.Max(peak, Rss(process.Id));
                if ((pass + 1) % 5 == 0) Console.Error.WriteLine($"  after {pass + 1,3} passes: RSS {Rss(process.Id) / 1048576.0:F1} MB ({Status(process.Id)}), {await GrowthSourcesAsync(http)}");
            }
            var gc = Environment.GetEnvironmentVariable("DOTNET_gcServer") is { } forced ? $"DOTNET_gcServer={forced}" : "runtimeconfig.json of the published service";
            var after = Rss(process.Id);
            Console.Error.WriteLine($"  after:  {Status(process.Id)}, {await GrowthSourcesAsync(http)}, allocated so far {await MetricAsync(http, "system_runtime_dotnet_gc_heap_total_allocated ") / 1048576.0:F1} MB, LOH {await MetricAsync(http, "system_runtime_dotnet_gc_last_collection_heap_size{gc_heap_generation=\"loh\"} ") / 1048576.0:F1} MB");
            return new ServiceResult(corpus.Count, options.Passes, unhandled, before, after, peak, gc, managedBefore, await ManagedHeapAsync(http));
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

    // The service's own figure of its managed heap (prometheus-net's dotnet_total_memory_bytes on /metrics), so that
    // RSS growth can be told apart: the GC heap, or native memory (JIT code, thread stacks, the runtime's own).
    static Task<long> ManagedHeapAsync(HttpClient http) => MetricAsync(http, "dotnet_total_memory_bytes ");

    // What RSS growth can come from besides the live heap: memory the GC keeps committed (its gen0 budget among it),
    // collections run, and code the JIT produced (tiered compilation re-compiles hot methods after the first passes).
    static async Task<string> GrowthSourcesAsync(HttpClient http) =>
        $"GC committed {await MetricAsync(http, "system_runtime_dotnet_gc_last_collection_memory_committed_size ") / 1048576.0:F1} MB after " +
        $"{await MetricAsync(http, "dotnet_collection_count_total{generation=\"0\"} ")} gen0 collections, " +
        $"JIT-compiled methods {await MetricAsync(http, "system_runtime_dotnet_jit_compiled_methods ")}";

    static async Task<long> MetricAsync(HttpClient http, string prefix)
    {
        var text = await http.GetStringAsync("metrics");
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? -1 : (long)double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    static string Status(int pid) => string.Join(", ", File.ReadLines($"/proc/{pid}/status")
        .Where(l => l.StartsWith("RssAnon", StringComparison.Ordinal) || l.StartsWith("RssFile", StringComparison.Ordinal) || l.StartsWith("Threads", StringComparison.Ordinal))
        .Select(l => string.Join(' ', l.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))));

    static long Rss(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
