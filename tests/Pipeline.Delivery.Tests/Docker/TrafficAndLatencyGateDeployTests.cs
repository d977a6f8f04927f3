using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Pipeline.Delivery.Local;
using Pipeline.Modeling.Scoring;
using Pipeline.Serving.Tests;

namespace Pipeline.Delivery.Tests.Docker;

/// <summary>
/// A local deploy with challengers and with the SLO gate, against the real Docker engine (skipped without one, failed
/// on CI): a canary and a shadow mounted from the registry beside the image's version, and a container that misses its
/// latency budget refused before it takes traffic while the previous one keeps serving.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class TrafficAndLatencyGateDeployTests(DockerFixture fixture)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task DeployLocal_WithACanaryAndAShadow_AnswersFromTheCanary_AndLogsTheShadowsAnswersApart()
    {
        fixture.RequireEngine();
        var registry = Path.Combine(fixture.WorkDirectory, "registry");
        var canary = TestModel.RegisterVersion(registry);
        var shadow = TestModel.RegisterVersion(registry);
        var inferenceLog = Path.Combine(fixture.WorkDirectory, "traffic-inference-log");
        ChallengerDeployment[] challengers =
        [
            new(int.Parse(Path.GetFileName(canary)), canary, Shadow: false, Percent: 100),
            new(int.Parse(Path.GetFileName(shadow)), shadow, Shadow: true, Percent: 0),
        ];

        var deployed = await LocalDeployer.DeployAsync(new LocalDeployRequest(fixture.Image.PrimaryTag, $"{fixture.RunName}-traffic",
            DockerFixture.FreePortPair(), ReadyTimeout, inferenceLog, challengers));

        // Readiness and the smoke test run before the split matters: the version named is the one that answered.
        Assert.Equal(Path.GetFileName(canary), deployed.ModelVersion);
        using var http = new HttpClient { BaseAddress = deployed.Url };
        using var model = await http.GetFromJsonAsync<JsonDocument>("model");
        using var response = await http.PostAsync("predict", new StringContent(model!.RootElement.GetProperty("inputExample").GetRawText(), Encoding.UTF8, "application/json"));
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(Path.GetFileName(canary), (answer.ValueKind == JsonValueKind.Array ? answer[0] : answer).GetProperty("modelVersion").GetString());
        var shadowRecord = await WaitForRecordAsync(Path.Combine(inferenceLog, InferenceLogFormat.ShadowFolder));
        Assert.Equal(Path.GetFileName(shadow), shadowRecord.GetProperty(InferenceLogFormat.ModelVersion).GetString());
        Assert.Equal("shadow", shadowRecord.GetProperty(InferenceLogFormat.Role).GetString());
    }

    [SkippableFact]
    public async Task DeployLocal_ContainerOverItsP99Budget_IsRefusedBeforeTakingTraffic_AndThePreviousOneKeepsServing()
    {
        fixture.RequireEngine();
        var service = $"{fixture.RunName}-slo";
        var port = DockerFixture.FreePortPair();
        var good = await LocalDeployer.DeployAsync(new LocalDeployRequest(fixture.Image.PrimaryTag, service, port, ReadyTimeout));
        // No request through HTTP and a container answers within a microsecond: this budget cannot be met.
        var unmeetable = new SloBudget(P99Milliseconds: 0.001, MaxErrorRate: 0.01, Requests: 100);

        var refused = await Assert.ThrowsAsync<LatencyBudgetExceededException>(() =>
            LocalDeployer.DeployAsync(new LocalDeployRequest(fixture.Image.PrimaryTag, service, port, ReadyTimeout, Slo: unmeetable)));

        Assert.Contains("missed its SLO before taking traffic: p99", refused.Message);
        Assert.Contains($"the previous container {good.ContainerName} keeps serving", refused.Message);
        Assert.Equal(100, refused.Report.Requests);
        using var client = await fixture.ClientAsync();
        var running = await LocalDeployer.RunningContainersAsync(client, service, CancellationToken.None);
        Assert.Equal([good.ContainerId], running.Select(c => c.ID));
        using var http = new HttpClient { BaseAddress = good.Url };
        Assert.True((await http.GetAsync("ready")).IsSuccessStatusCode);

        // Within a budget it can meet, the same image replaces the previous one, with the figures in the result.
        var within = await LocalDeployer.DeployAsync(new LocalDeployRequest(fixture.Image.PrimaryTag, service, port, ReadyTimeout,
            Slo: new SloBudget(P99Milliseconds: 5_000, MaxErrorRate: 0.01, Requests: 100)));
        Assert.Equal([good.ContainerName], within.ReplacedContainers);
        Assert.Equal(0, within.Latency!.Errors);
    }

    private static async Task<JsonElement> WaitForRecordAsync(string directory)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var line = Directory.Exists(directory)
                ? Directory.GetFiles(directory, InferenceLogFormat.SearchPattern).SelectMany(File.ReadAllLines).FirstOrDefault(l => l.Length > 0)
                : null;
            if (line is not null) return JsonDocument.Parse(line).RootElement.Clone();
            await Task.Delay(100);
        }
        throw new TimeoutException($"No inference log record appeared in {directory}.");
    }
}
