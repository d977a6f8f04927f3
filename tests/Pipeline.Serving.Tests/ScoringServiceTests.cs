using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Scoring;
using Pipeline.Serving.InferenceLog;
using Pipeline.Serving.Model;

namespace Pipeline.Serving.Tests;

/// <summary>The service on real Kestrel, serving a model trained and registered on simulator data.</summary>
public sealed class ScoringServiceTests : IAsyncLifetime
{
    private readonly string _registry = Directory.CreateTempSubdirectory("serving-registry-").FullName;
    private string _version = "";
    private JsonObject _example = null!;

    public Task InitializeAsync()
    {
        _version = TestModel.RegisterVersion(_registry);
        _example = TestModel.InputExample(_version);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_registry, recursive: true);
        return Task.CompletedTask;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(RunningService service, string body)
    {
        using var response = await service.Http.PostAsync("predict", Json(body));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task Predict_OneRecord_ReturnsTheModelsProbabilityItsLabelAtTheThresholdAndTheVersion()
    {
        await using var service = await RunningService.StartAsync(_version);
        var model = ScoringModel.Load(_version);

        var (status, body) = await PostAsync(service, _example.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        var expected = model.Score(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(_example.ToJsonString())!);
        Assert.Equal(expected.Probability, body["probability"]!.GetValue<double>(), 6);
        Assert.Equal(expected.Probability >= model.Threshold, body["label"]!.GetValue<bool>());
        Assert.Equal(model.Version.ToString(), body["modelVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Predict_Batch_ReturnsOnePredictionPerRecordInRequestOrder()
    {
        await using var service = await RunningService.StartAsync(_version);
        var records = new JsonArray(Enumerable.Range(0, 5).Select(i =>
        {
            var record = _example.DeepClone().AsObject();
            record["Torque [Nm]"] = 10 + 15 * i;
            return (JsonNode)record;
        }).ToArray());
        var model = ScoringModel.Load(_version);
        var expected = model.ScoreBatch(JsonSerializer.Deserialize<List<Dictionary<string, JsonElement>>>(records.ToJsonString())!
            .Cast<IReadOnlyDictionary<string, JsonElement>>().ToList());

        var (status, body) = await PostAsync(service, records.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected.Select(e => Math.Round(e.Probability, 6)), body.AsArray().Select(p => Math.Round(p!["probability"]!.GetValue<double>(), 6)));
    }

    public static TheoryData<string, string> BadRecords => new()
    {
        { "missing", "Torque [Nm]" },
        { "unknown", "Colour" },
        { "string-for-number", "Torque [Nm]" },
        { "NaN", "Torque [Nm]" },
        { "null", "Torque [Nm]" },
    };

    [Theory]
    [MemberData(nameof(BadRecords))]
    public async Task Predict_RecordNotMatchingTheSchema_Is400NamingTheField(string defect, string field)
    {
        await using var service = await RunningService.StartAsync(_version);
        var record = _example.DeepClone().AsObject();
        switch (defect)
        {
            case "missing": record.Remove(field); break;
            case "unknown": record[field] = "blue"; break;
            case "string-for-number": record[field] = "forty"; break;
            case "NaN": record[field] = "NaN"; break;
            case "null": record[field] = null; break;
        }

        var (status, body) = await PostAsync(service, record.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(field, body["field"]!.GetValue<string>());
        Assert.Contains(field, body["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"Torque [Nm]\": 4", "not valid JSON")]
    [InlineData("[1, 2]", "Record 0 is a JSON number")]
    [InlineData("\"text\"", "JSON string")]
    public async Task Predict_MalformedBody_Is400NamingTheBody(string body, string expected)
    {
        await using var service = await RunningService.StartAsync(_version);

        var (status, response) = await PostAsync(service, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, response["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Predict_BodyOverTheSizeLimit_Is400NotAServerError()
    {
        await using var service = await RunningService.StartAsync(_version, "MaxRequestBodyBytes=2000");
        var batch = new JsonArray(Enumerable.Range(0, 50).Select(_ => (JsonNode)_example.DeepClone()).ToArray());

        var (status, body) = await PostAsync(service, batch.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("body", body["field"]!.GetValue<string>());
        Assert.Contains("2000 bytes", body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task HealthReadyModelAndMetrics_DescribeTheServedModelAndWhatItScored()
    {
        await using var service = await RunningService.StartAsync(_version);
        await PostAsync(service, _example.ToJsonString());
        await PostAsync(service, "{");

        var health = await service.Http.GetAsync("health");
        var ready = JsonNode.Parse(await service.Http.GetStringAsync("ready"))!;
        var model = JsonNode.Parse(await service.Http.GetStringAsync("model"))!;
        var metrics = await service.Http.GetStringAsync("metrics");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var metadata = ModelMetadata.Read(Path.Combine(_version, "metadata.json"));
        Assert.Equal(metadata.Version.ToString(), ready["modelVersion"]!.GetValue<string>());
        Assert.Equal(metadata.DataHash, model["metadata"]!["dataHash"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(_example, model["inputExample"] is JsonArray a ? a[0] : model["inputExample"]));
        Assert.Matches("pipeline_predict_requests_total\\{outcome=\"ok\"\\} [1-9]", metrics);
        Assert.Matches("pipeline_predict_requests_total\\{outcome=\"bad_request\"\\} [1-9]", metrics);
        Assert.Contains("pipeline_predict_duration_seconds_bucket", metrics);
        Assert.Contains("pipeline_prediction_score_bucket", metrics);
        Assert.Contains("pipeline_feature_value_bucket{feature=\"Torque [Nm]\"", metrics);
    }

    [Fact]
    public async Task InferenceLog_GetsOneJsonLinePerScoredRecordWithFeaturesScoreVersionAndTime()
    {
        await using var service = await RunningService.StartAsync(_version);
        var batch = new JsonArray(_example.DeepClone(), _example.DeepClone(), _example.DeepClone());
        var (_, body) = await PostAsync(service, batch.ToJsonString());
        await PostAsync(service, "{\"not\": \"a record\"}");

        var lines = await WaitForLinesAsync(service.InferenceLogDirectory, 3);

        Assert.Equal(3, lines.Count);
        foreach (var (line, prediction) in lines.Zip(body.AsArray()))
        {
            Assert.Equal(prediction!["probability"]!.GetValue<double>(), line["score"]!.GetValue<double>());
            Assert.Equal(prediction["modelVersion"]!.GetValue<string>(), line["modelVersion"]!.GetValue<string>());
            Assert.True(JsonNode.DeepEquals(_example, line["features"]));
            Assert.InRange(DateTimeOffset.Parse(line["time"]!.GetValue<string>()), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
        }
    }

    [Fact]
    public async Task InferenceLog_UnderConcurrentRequests_HoldsEveryRecordIntact()
    {
        await using var service = await RunningService.StartAsync(_version);
        var sent = Enumerable.Range(0, 400).Select(i => 1 + i * 0.1).ToList();

        await Parallel.ForEachAsync(sent, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (torque, _) =>
        {
            var record = _example.DeepClone().AsObject();
            record["Torque [Nm]"] = torque;
            var (status, _) = await PostAsync(service, record.ToJsonString());
            Assert.Equal(HttpStatusCode.OK, status);
        });
        var lines = await WaitForLinesAsync(service.InferenceLogDirectory, sent.Count);

        Assert.Equal(sent.Order(), lines.Select(l => l["features"]!["Torque [Nm]"]!.GetValue<double>()).Order());
    }

    [Fact]
    public async Task HotSwap_PromotingAnotherVersion_IsServedWithoutAnyRequestInFlightFailing()
    {
        var registry = new ModelRegistry(_registry);
        var first = int.Parse(Path.GetFileName(_version));
        registry.Promote(first, ModelStage.Production);
        var second = int.Parse(Path.GetFileName(TestModel.RegisterVersion(_registry)));
        await using var service = await RunningService.StartAsync(_registry, "WatchIntervalSeconds=0.1");

        var statuses = new List<HttpStatusCode>();
        var versions = new HashSet<string>();
        using var stop = new CancellationTokenSource();
        var load = Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var (status, body) = await PostAsync(service, _example.ToJsonString());
                lock (statuses)
                {
                    statuses.Add(status);
                    if (status == HttpStatusCode.OK) versions.Add(body["modelVersion"]!.GetValue<string>());
                }
            }
        })));
        await Task.Delay(300);
        registry.Promote(second, ModelStage.Production);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && !versions.Contains(second.ToString()))
        {
            await Task.Delay(50);
        }
        await Task.Delay(300);
        stop.Cancel();
        await load;

        Assert.Equal([first.ToString(), second.ToString()], versions.Order());
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(second.ToString(), JsonNode.Parse(await service.Http.GetStringAsync("ready"))!["modelVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task HotSwap_ToATamperedVersion_IsRefusedAndThePreviousVersionKeepsServing()
    {
        var registry = new ModelRegistry(_registry);
        var first = int.Parse(Path.GetFileName(_version));
        registry.Promote(first, ModelStage.Production);
        var tampered = TestModel.RegisterVersion(_registry);
        TestModel.Tamper(tampered);
        await using var service = await RunningService.StartAsync(_registry, "WatchIntervalSeconds=0.1");
        var watcher = (ModelWatcher)service.App.Services.GetService(typeof(ModelWatcher))!;

        registry.Promote(int.Parse(Path.GetFileName(tampered)), ModelStage.Production);
        var swapped = watcher.CheckOnce();

        Assert.False(swapped);
        var (status, body) = await PostAsync(service, _example.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(first.ToString(), body["modelVersion"]!.GetValue<string>());
    }

    [Fact]
    public void Start_WithATamperedModel_RefusesWithASentenceNamingTheFile()
    {
        TestModel.Tamper(_version);

        var error = Assert.Throws<ModelLoadException>(() => ScoringService.Build([$"--Serving:ModelPath={_version}", "--Serving:Port=0"]));

        Assert.Contains("model.zip", error.Message);
        Assert.Contains("SHA-256", error.Message);
    }

    [Theory]
    [InlineData("--Serving:Port=eighty", "Serving:Port")]
    [InlineData("--Serving:ListenAddress=everywhere", "Serving:ListenAddress")]
    public void Start_WithAnUnusableSetting_SaysWhichSetting(string argument, string setting)
    {
        var error = Assert.Throws<ServingConfigurationException>(() => ScoringService.Build([$"--Serving:ModelPath={_version}", argument]));

        Assert.Contains(setting, error.Message);
    }

    [Fact]
    public void Start_WithARegistryWithoutProductionVersion_SaysToPromoteOne()
    {
        var error = Assert.Throws<ModelLoadException>(() => ScoringService.Build([$"--Serving:ModelPath={_registry}", "--Serving:Port=0"]));

        Assert.Contains("has no production version", error.Message);
    }

    [Fact]
    public async Task HealthcheckMode_ExitsZeroWhileTheServiceAnswersAndOneOtherwise()
    {
        int port;
        await using (var service = await RunningService.StartAsync(_version))
        {
            port = service.Url.Port;
            Assert.Equal(0, await HealthcheckProbe.RunAsync(Configuration(port)));
        }
        Assert.Equal(1, await HealthcheckProbe.RunAsync(Configuration(port)));
    }

    private static IConfiguration Configuration(int port) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Serving:Port"] = port.ToString() }).Build();

    private static async Task<List<JsonNode>> WaitForLinesAsync(string directory, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        List<JsonNode> lines = [];
        while (DateTime.UtcNow < deadline)
        {
            lines = Directory.GetFiles(directory, RotatingJsonLinesFile.SearchPattern).Order()
                .SelectMany(f => File.ReadAllLines(f)).Select(l => JsonNode.Parse(l)!).ToList();
            if (lines.Count >= count) break;
            await Task.Delay(50);
        }
        return lines;
    }
}
