using System.Net;
using System.Text;
using Xunit.Abstractions;

namespace Pipeline.Serving.Tests;

/// <summary>
/// The service process, with the GC settings of its runtimeconfig.json (server GC with a capped gen0 budget, as in the
/// container), keeps its memory bounded over 30 passes of the malformed corpus, hostile bodies included (it once grew
/// 102 → 401 MB over 26 passes and answered 500 under a heap limit; later +35-44 %, the GC keeping a cache-sized gen0
/// budget committed).
/// </summary>
public sealed class ServiceMemoryUnderMalformedInputTests(ITestOutputHelper output) : IDisposable
{
    private const int Passes = 30;
    private const int SteadyPasses = 10;
    private const long MaxCommittedGrowthBytes = 16 * 1024 * 1024;
    private readonly RegisteredModelFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ThirtyPassesOfTheMalformedCorpus_LevelOffWellBelowTwiceTheStartingMemory()
    {
        var log = Directory.CreateTempSubdirectory("inference-log-").FullName;
        try
        {
            await using var service = await ServiceProcess.StartAsync(Path.GetTempPath(), $"--Serving:ModelPath={_folder.Version}", $"--Serving:InferenceLogDirectory={log}");
            var corpus = MalformedRequestCorpus.Generate(_folder.Example, new Random(MalformedRequestCorpus.Seed)).Concat(MalformedRequestCorpus.Hostile(_folder.Example)).ToList();

            // One pass first, so JIT and first-use allocations are in the baseline.
            var serverErrors = await PassAsync(service, corpus);
            var before = service.ResidentBytes;
            var committedBefore = await GcCommittedBytesAsync(service);
            var peak = before;
            var steadyStart = 0L;
            for (var pass = 1; pass <= Passes; pass++)
            {
                serverErrors += await PassAsync(service, corpus);
                peak = Math.Max(peak, service.ResidentBytes);
                steadyStart = pass == Passes - SteadyPasses ? service.ResidentBytes : steadyStart;
            }
            var after = service.ResidentBytes;
            var committedAfter = await GcCommittedBytesAsync(service);

            output.WriteLine($"{corpus.Count} malformed requests x {Passes} passes: RSS {MB(before)} before, {MB(after)} after ({Percent(before, after)}), " +
                $"peak {MB(peak)}; last {SteadyPasses} passes {MB(steadyStart)} → {MB(after)} ({Percent(steadyStart, after)}); GC committed {MB(committedBefore)} → {MB(committedAfter)}; {serverErrors} 5xx");
            Assert.Equal(0, serverErrors);
            // What the GC keeps committed grows by at most its capped gen0 budgets (measured: 9 → 17 MB; uncapped, the
            // budget follows the L3 cache size: 10 → 43 MB on a 32 MB L3).
            Assert.True(committedAfter - committedBefore < MaxCommittedGrowthBytes, $"GC committed memory grew from {MB(committedBefore)} to {MB(committedAfter)} over {Passes} passes");
            // The rest of the growth is tiered compilation re-compiling hot methods in the first passes; then memory
            // levels off (measured: +17 % over 30 passes on a loaded 2-core machine, flat by pass 40): growth must slow
            // to a stop, far from the 4x of the unbounded reader (~11 MB per pass).
            Assert.True(after < before * 1.35, $"RSS grew from {MB(before)} to {MB(after)} over {Passes} passes");
            Assert.True(after < steadyStart * 1.1, $"RSS still grew over the last {SteadyPasses} passes: {MB(steadyStart)} → {MB(after)}");
            using var valid = await service.Http.PostAsync("predict", new StringContent(_folder.Example.ToJsonString(), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        }
        finally
        {
            Directory.Delete(log, recursive: true);
        }
    }

    // The GC's committed memory after its last collection (the System.Runtime meter, exported on /metrics).
    private static async Task<long> GcCommittedBytesAsync(ServiceProcess service)
    {
        const string Name = "system_runtime_dotnet_gc_last_collection_memory_committed_size ";
        var metrics = await service.Http.GetStringAsync("metrics");
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(Name, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"/metrics has no {Name.Trim()}.");
        return (long)double.Parse(line[Name.Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string MB(long bytes) => $"{bytes / 1048576.0:F1} MB";

    private static string Percent(long from, long to) => $"{100.0 * (to - from) / from:+0.0;-0.0} %";

    private static async Task<int> PassAsync(ServiceProcess service, IReadOnlyList<MalformedRequest> corpus)
    {
        var serverErrors = 0;
        foreach (var request in corpus)
        {
            using var content = request.ToContent();
            using var response = await service.Http.PostAsync("predict", content);
            await response.Content.ReadAsByteArrayAsync();
            serverErrors += (int)response.StatusCode >= 500 ? 1 : 0;
        }
        return serverErrors;
    }
}
