using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Modeling.Scoring;
using Pipeline.Serving.Configuration;
using Pipeline.Serving.Endpoints;

namespace Pipeline.Serving.Tests;

/// <summary>
/// Several versions in one service, on real Kestrel: a canary answers its share and a sticky key always the same
/// version; a shadow's answers are logged while the caller gets the champion's; every answer and record names its version.
/// </summary>
public sealed class TrafficRoutingServiceTests : IDisposable
{
    private readonly RegisteredModelFolder _folder = new();
    private readonly string _challenger;

    public TrafficRoutingServiceTests() => _challenger = TestModel.RegisterVersion(_folder.Registry);

    public void Dispose() => _folder.Dispose();

    private string ChampionVersion => Path.GetFileName(_folder.Version);

    private string ChallengerVersion => Path.GetFileName(_challenger);

    [Fact]
    public async Task TenPercentCanary_AnswersTenPercentOfTenThousandKeylessRequests_WithinTwoPoints()
    {
        await using var service = await RunningService.StartAsync(_folder.Version, Canary(10));
        var body = _folder.Example.ToJsonString();
        var answeredBy = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();

        await Parallel.ForEachAsync(Enumerable.Range(0, 10_000), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, token) =>
        {
            var version = await PredictAsync(service, body, routingKey: null, token);
            answeredBy.AddOrUpdate(version, 1, (_, n) => n + 1);
        });

        Assert.Equal(new[] { ChampionVersion, ChallengerVersion }.Order(), answeredBy.Keys.Order());
        Assert.InRange(answeredBy[ChallengerVersion], 800, 1_200);
        Assert.Equal(10_000, answeredBy.Values.Sum());
    }

    [Fact]
    public async Task SameRoutingKey_IsAlwaysAnsweredByTheSameVersion_FromTheHeaderOrTheConfiguredField()
    {
        await using var service = await RunningService.StartAsync(_folder.Version, [.. Canary(50), "RoutingKeyField=Tool wear [min]"]);
        var body = _folder.Example.ToJsonString();
        var seen = new HashSet<string>();

        for (var user = 0; user < 40; user++)
        {
            var first = await PredictAsync(service, body, $"user-{user}");
            seen.Add(first);
            for (var repeat = 0; repeat < 4; repeat++) Assert.Equal(first, await PredictAsync(service, body, $"user-{user}"));
        }
        // No header: the configured field is the key (a number here, taken as written).
        for (var wear = 0; wear < 20; wear++)
        {
            var record = _folder.Example.DeepClone().AsObject();
            record["Tool wear [min]"] = 10 * wear;
            var first = await PredictAsync(service, record.ToJsonString(), null);
            for (var repeat = 0; repeat < 4; repeat++) Assert.Equal(first, await PredictAsync(service, record.ToJsonString(), null));
        }

        // With 40 keys at 50 %, both versions answer some of them.
        Assert.Equal(new[] { ChampionVersion, ChallengerVersion }.Order(), seen.Order());
    }

    [Fact]
    public async Task ShadowChallenger_CallerGetsTheChampionsAnswer_AndTheShadowsAnswerIsLoggedApartWithTheSameRequestId()
    {
        await using var service = await RunningService.StartAsync(_folder.Version,
            $"Challengers:0:ModelPath={_challenger}", $"Challengers:0:Mode={ChallengerOptions.ShadowMode}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "predict") { Content = new StringContent(_folder.Example.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add(PredictEndpoint.RequestIdHeader, "req-1");
        request.Headers.Add("X-Routing-Key", "user-7");
        var before = await service.Http.GetStringAsync("metrics");

        using var response = await service.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(ChampionVersion, answer["modelVersion"]!.GetValue<string>());
        Assert.Equal("req-1", response.Headers.GetValues(PredictEndpoint.RequestIdHeader).Single());
        var shadowDirectory = Path.Combine(service.InferenceLogDirectory, InferenceLogFormat.ShadowFolder);
        var shadow = Assert.Single(await ReadLogWhenWrittenAsync(shadowDirectory));
        var champion = Assert.Single(await ReadLogWhenWrittenAsync(service.InferenceLogDirectory));
        Assert.Equal(ChallengerVersion, shadow.GetProperty(InferenceLogFormat.ModelVersion).GetString());
        Assert.Equal("shadow", shadow.GetProperty(InferenceLogFormat.Role).GetString());
        Assert.Equal("req-1", shadow.GetProperty(InferenceLogFormat.RequestId).GetString());
        Assert.Equal("user-7", shadow.GetProperty(InferenceLogFormat.RoutingKey).GetString());
        Assert.Equal(ChampionVersion, champion.GetProperty(InferenceLogFormat.ModelVersion).GetString());
        Assert.Equal("champion", champion.GetProperty(InferenceLogFormat.Role).GetString());
        Assert.Equal("req-1", champion.GetProperty(InferenceLogFormat.RequestId).GetString());
        // The same model registered twice: the shadow scores the record as the champion did.
        Assert.Equal(answer["probability"]!.GetValue<double>(), shadow.GetProperty(InferenceLogFormat.Score).GetDouble(), 5);
        // Metrics are process-wide and other tests serve versions of the same numbers: compare with before.
        var after = await service.Http.GetStringAsync("metrics");
        Assert.Equal(1, VersionRequests(after, ChallengerVersion, "shadow") - VersionRequests(before, ChallengerVersion, "shadow"));
        Assert.True(VersionRequests(after, ChampionVersion, "champion") > VersionRequests(before, ChampionVersion, "champion"));
    }

    [Fact]
    public async Task CanaryAnswers_AreLoggedWithTheCanarysVersionAndRole_AndCountedPerVersion()
    {
        await using var service = await RunningService.StartAsync(_folder.Version, Canary(100));
        var before = await service.Http.GetStringAsync("metrics");

        var version = await PredictAsync(service, _folder.Example.ToJsonString(), "anyone");

        Assert.Equal(ChallengerVersion, version);
        var record = Assert.Single(await ReadLogWhenWrittenAsync(service.InferenceLogDirectory));
        Assert.Equal(ChallengerVersion, record.GetProperty(InferenceLogFormat.ModelVersion).GetString());
        Assert.Equal("canary", record.GetProperty(InferenceLogFormat.Role).GetString());
        Assert.Equal("anyone", record.GetProperty(InferenceLogFormat.RoutingKey).GetString());
        var after = await service.Http.GetStringAsync("metrics");
        Assert.True(VersionRequests(after, ChallengerVersion, "canary") > VersionRequests(before, ChallengerVersion, "canary"));
    }

    [Fact]
    public async Task CanariesOverAHundredPercent_StopTheServiceWithASentenceNamingTheSetting()
    {
        var e = await Assert.ThrowsAsync<ServingConfigurationException>(() => RunningService.StartAsync(_folder.Version, [.. Canary(70), .. Canary(40, index: 1)]));

        Assert.Contains("Serving:Challengers", e.Message);
        Assert.Contains("110", e.Message);
    }

    [Fact]
    public async Task ChallengerFolderThatIsNoVersion_StopsTheServiceBeforeItTakesTraffic()
    {
        var e = await Assert.ThrowsAsync<Pipeline.Serving.Model.ModelLoadException>(() => RunningService.StartAsync(_folder.Version,
            $"Challengers:0:ModelPath={_folder.Registry}", "Challengers:0:Percent=10"));

        Assert.Contains(_folder.Registry, e.Message);
    }

    private static double VersionRequests(string metrics, string version, string role)
    {
        var prefix = $"pipeline_version_requests_total{{version=\"{version}\",role=\"{role}\"}} ";
        var line = metrics.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private string[] Canary(double percent, int index = 0) =>
        [$"Challengers:{index}:ModelPath={_challenger}", $"Challengers:{index}:Mode={ChallengerOptions.CanaryMode}", $"Challengers:{index}:Percent={percent}"];

    private static async Task<string> PredictAsync(RunningService service, string body, string? routingKey, CancellationToken token = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "predict") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (routingKey is not null) request.Headers.Add("X-Routing-Key", routingKey);
        using var response = await service.Http.SendAsync(request, token);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(token);
        return answer.GetProperty("modelVersion").GetString()!;
    }

    // The log is written off the request path: read the folder's own files (not its subfolders) until a record is there.
    private static async Task<List<JsonElement>> ReadLogWhenWrittenAsync(string directory)
    {
        // Generous: the shadows are scored at the lowest CPU priority, which a loaded machine serves last.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var records = Directory.Exists(directory)
                ? Directory.GetFiles(directory, InferenceLogFormat.SearchPattern).SelectMany(File.ReadAllLines)
                    .Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList()
                : [];
            if (records.Count > 0 || DateTime.UtcNow > deadline) return records;
            await Task.Delay(50);
        }
    }
}
