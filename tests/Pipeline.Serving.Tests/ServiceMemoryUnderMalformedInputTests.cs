using System.Net;
using System.Text;
using Xunit.Abstractions;

namespace Pipeline.Serving.Tests;

/// <summary>
/// The service process, with the GC settings of its runtimeconfig.json (server GC, as in the container), keeps its
/// memory flat over 30 passes of the malformed corpus, hostile bodies included.
/// </summary>
public sealed class ServiceMemoryUnderMalformedInputTests(ITestOutputHelper output) : IDisposable
{
    private const int Passes = 30;
    private const int WarmUpPasses = 5;
    private readonly RegisteredModelFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ThirtyPassesOfTheMalformedCorpus_GrowResidentMemoryByLessThanAFifth()
    {
        var log = Directory.CreateTempSubdirectory("inference-log-").FullName;
        try
        {
            await using var service = await ServiceProcess.StartAsync(Path.GetTempPath(), $"--Serving:ModelPath={_folder.Version}", $"--Serving:InferenceLogDirectory={log}");
            var corpus = MalformedRequestCorpus.Generate(_folder.Example, new Random(MalformedRequestCorpus.Seed)).Concat(MalformedRequestCorpus.Hostile(_folder.Example)).ToList();

            // Warm-up passes first: the baseline is the runtime sized for this load (JIT, pools, and server GC's
            // dynamic adaptation, which adds a heap under load in the first passes); growth after it is what leaks.
            var serverErrors = 0;
            var first = 0L;
            for (var pass = 0; pass < WarmUpPasses; pass++)
            {
                serverErrors += await PassAsync(service, corpus);
                first = pass == 0 ? service.ResidentBytes : first;
            }
            var before = service.ResidentBytes;
            var peak = before;
            for (var pass = 0; pass < Passes; pass++)
            {
                serverErrors += await PassAsync(service, corpus);
                peak = Math.Max(peak, service.ResidentBytes);
            }
            var after = service.ResidentBytes;

            output.WriteLine($"{corpus.Count} malformed requests x {Passes} passes after {WarmUpPasses} warm-up passes: RSS {MB(before)} before, {MB(after)} after " +
                $"({100.0 * (after - before) / before:+0.0;-0.0} %), peak {MB(peak)}; {MB(first)} after the first warm-up pass; {serverErrors} 5xx");
            Assert.Equal(0, serverErrors);
            Assert.True(after < before * 1.2, $"RSS grew from {MB(before)} to {MB(after)} over {Passes} passes");
            using var valid = await service.Http.PostAsync("predict", new StringContent(_folder.Example.ToJsonString(), Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        }
        finally
        {
            Directory.Delete(log, recursive: true);
        }
    }

    private static string MB(long bytes) => $"{bytes / 1048576.0:F1} MB";

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
