using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Scoring;
using Pipeline.Serving.InferenceLog;
using Pipeline.Serving.Configuration;
using Pipeline.Serving.Model;

namespace Pipeline.Serving.Tests;

/// <summary>The service on real Kestrel, serving a model trained and registered on simulator data.</summary>
public sealed class ScoringServiceTests : IDisposable
{
    private readonly RegisteredModelFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(RunningService service, string body)
    {
        using var response = await service.Http.PostAsync("predict", Json(body));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task Predict_OneRecord_ReturnsTheModelsProbabilityItsLabelAtTheThresholdAndTheVersion()
    {
        await using var service = await RunningService.StartAsync(_folder.Version);
        var model = ScoringModel.Load(_folder.Version);

        var (status, body) = await PostAsync(service, _folder.Example.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        var expected = model.Score(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(_folder.Example.ToJsonString())!);
        Assert.Equal(expected.Probability, body["probability"]!.GetValue<double>(), 6);
        Assert.Equal(expected.Probability >= model.Threshold, body["label"]!.GetValue<bool>());
        Assert.Equal(model.Version.ToString(), body["modelVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Predict_Batch_ReturnsOnePredictionPerRecordInRequestOrder()
    {
        await using var service = await RunningService.StartAsync(_folder.Version);
        var records = new JsonArray(Enumerable.Range(0, 5).Select(i =>
        {
            var record = _folder.Example.DeepClone().AsObject();
            record["Torque [Nm]"] = 10 + 15 * i;
            return (JsonNode)record;
        }).ToArray());
        var model = ScoringModel.Load(_folder.Version);
        var expected = model.ScoreBatch(JsonSerializer.Deserialize<List<Dictionary<string, JsonElement>>>(records.ToJsonString())!
            .Cast<IReadOnlyDictionary<string, JsonElement>>().ToList());

        var (status, body) = await PostAsync(service, records.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expected.Select(e => Math.Round(e.Probability, 6)), body.AsArray().Select(p => Math.Round(p!["probability"]!.GetValue<double>(), 6)));
    }

    [Fact]
    public async Task Predict_ModelWithCauseModels_ReturnsEachCausesProbability_WhoseNoisyOrIsTheProbability()
    {
        await using var service = await RunningService.StartAsync(_folder.Version);
        using var model = ScoringModel.Load(_folder.Version);
        // A hot, slow, high-torque, worn-out record: heat dissipation and overstrain both likely.
        var record = _folder.Example.DeepClone().AsObject();
        record["Air temperature [K]"] = 303.0;
        record["Process temperature [K]"] = 310.0;
        record["Rotational speed [rpm]"] = 1300;
        record["Torque [Nm]"] = 65.0;
        record["Tool wear [min]"] = 230;

        var (status, body) = await PostAsync(service, record.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        var causes = body["causes"]!.AsObject();
        Assert.Equal(TestModel.CauseNames, causes.Select(c => c.Key));
        Assert.Equal(model.CauseNames, causes.Select(c => c.Key));
        var expected = model.Score(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(record.ToJsonString())!);
        Assert.Equal(expected.CauseProbabilities!.Select(p => Math.Round(p, 5)), causes.Select(c => Math.Round(c.Value!.GetValue<double>(), 5)));
        var none = causes.Aggregate(1.0, (product, c) => product * (1 - c.Value!.GetValue<double>()));
        var probability = body["probability"]!.GetValue<double>();
        Assert.True(1 - none <= probability + 1e-6, $"the causes' noisy-OR {1 - none} cannot exceed the probability {probability}, which also has the whole-label model in it");
        Assert.All(causes, c => Assert.InRange(c.Value!.GetValue<double>(), 0, probability + 1e-6));
        Assert.True(causes["HDF"]!.GetValue<double>() > causes["PWF"]!.GetValue<double>(), "a 7 K temperature difference at 1300 rpm is a heat dissipation failure, not a power failure");
    }

    [Fact]
    public async Task Predict_Batch_FromAModelWithCauseModels_GivesEveryRecordItsCauses()
    {
        await using var service = await RunningService.StartAsync(_folder.Version);
        var records = new JsonArray(_folder.Example.DeepClone(), _folder.Example.DeepClone(), _folder.Example.DeepClone());

        var (status, body) = await PostAsync(service, records.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.All(body.AsArray(), p => Assert.Equal(TestModel.CauseNames, p!["causes"]!.AsObject().Select(c => c.Key)));
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
        await using var service = await RunningService.StartAsync(_folder.Version);
        var record = _folder.Example.DeepClone().AsObject();
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
        await using var service = await RunningService.StartAsync(_folder.Version);

        var (status, response) = await PostAsync(service, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, response["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Predict_BodyOverTheSizeLimit_Is400NotAServerError()
    {
        await using var service = await RunningService.StartAsync(_folder.Version, "MaxRequestBodyBytes=2000");
        var batch = new JsonArray(Enumerable.Range(0, 50).Select(_ => (JsonNode)_folder.Example.DeepClone()).ToArray());

        var (status, body) = await PostAsync(service, batch.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("body", body["field"]!.GetValue<string>());
        Assert.Contains("2000 bytes", body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task HealthReadyModelAndMetrics_DescribeTheServedModelAndWhatItScored()
    {
        await using var service = await RunningService.StartAsync(_folder.Version);
        await PostAsync(service, _folder.Example.ToJsonString());
        await PostAsync(service, "{");

        var health = await service.Http.GetAsync("health");
        var ready = JsonNode.Parse(await service.Http.GetStringAsync("ready"))!;
        var model = JsonNode.Parse(await service.Http.GetStringAsync("model"))!;
        var metrics = await service.Http.GetStringAsync("metrics");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var metadata = ModelMetadata.Read(Path.Combine(_folder.Version, "metadata.json"));
        Assert.Equal(metadata.Version.ToString(), ready["modelVersion"]!.GetValue<string>());
        Assert.Equal(metadata.Lineage.DataHash, model["metadata"]!["dataHash"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(_folder.Example, model["inputExample"] is JsonArray a ? a[0] : model["inputExample"]));
        Assert.Matches("pipeline_predict_requests_total\\{outcome=\"ok\"\\} [1-9]", metrics);
        Assert.Matches("pipeline_predict_requests_total\\{outcome=\"bad_request\"\\} [1-9]", metrics);
        Assert.Contains("pipeline_predict_duration_seconds_bucket", metrics);
        Assert.Contains("pipeline_prediction_score_bucket", metrics);
        Assert.Contains("pipeline_feature_value_bucket{feature=\"Torque [Nm]\"", metrics);
    }

    [Fact]
    public async Task InferenceLog_GetsOneJsonLinePerScoredRecordWithFeaturesScoreVersionAndTime()
    {
        await using var service = await RunningService.StartAsync(_folder.Version);
        var batch = new JsonArray(_folder.Example.DeepClone(), _folder.Example.DeepClone(), _folder.Example.DeepClone());
        var (_, body) = await PostAsync(service, batch.ToJsonString());
        await PostAsync(service, "{\"not\": \"a record\"}");

        var lines = await WaitForLinesAsync(service.InferenceLogDirectory, 3);

        Assert.Equal(3, lines.Count);
        foreach (var (line, prediction) in lines.Zip(body.AsArray()))
        {
            Assert.Equal(prediction!["probability"]!.GetValue<double>(), line["score"]!.GetValue<double>());
            Assert.Equal(prediction["modelVersion"]!.GetValue<string>(), line["modelVersion"]!.GetValue<string>());
            Assert.True(JsonNode.DeepEquals(_folder.Example, line["features"]));
            Assert.InRange(DateTimeOffset.Parse(line["time"]!.GetValue<string>()), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
        }
    }

    [Fact]
    public async Task InferenceLog_UnderConcurrentRequests_HoldsEveryRecordIntact()
    {
        await using var service = await RunningService.StartAsync(_folder.Version);
        var sent = Enumerable.Range(0, 400).Select(i => 1 + i * 0.1).ToList();

        await Parallel.ForEachAsync(sent, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (torque, _) =>
        {
            var record = _folder.Example.DeepClone().AsObject();
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
        var registry = new ModelRegistry(_folder.Registry);
        var first = int.Parse(Path.GetFileName(_folder.Version));
        registry.Promote(first, ModelStage.Production);
        var second = int.Parse(Path.GetFileName(TestModel.RegisterVersion(_folder.Registry)));
        await using var service = await RunningService.StartAsync(_folder.Registry, "WatchIntervalSeconds=0.1");

        var statuses = new List<HttpStatusCode>();
        var versions = new HashSet<string>();
        using var stop = new CancellationTokenSource();
        var load = Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var (status, body) = await PostAsync(service, _folder.Example.ToJsonString());
                lock (statuses)
                {
                    statuses.Add(status);
                    if (status == HttpStatusCode.OK) versions.Add(body["modelVersion"]!.GetValue<string>());
                }
            }
        })));
        // Conditions, not fixed sleeps: requests are in flight on the first version before the swap, and keep
        // being answered by the second for a while after it is first seen.
        int Answered() { lock (statuses) return statuses.Count; }
        bool Served(int version) { lock (statuses) return versions.Contains(version.ToString()); }
        await WaitUntil(() => Served(first) && Answered() >= 20, "20 requests answered by the first version");
        registry.Promote(second, ModelStage.Production);
        await WaitUntil(() => Served(second), $"version {second} served after the promotion");
        var answeredAtSwap = Answered();
        await WaitUntil(() => Answered() >= answeredAtSwap + 20, "20 more requests answered after the swap");
        stop.Cancel();
        await load;

        Assert.Equal([first.ToString(), second.ToString()], versions.Order());
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(second.ToString(), JsonNode.Parse(await service.Http.GetStringAsync("ready"))!["modelVersion"]!.GetValue<string>());
    }

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out after 30 s waiting for {what}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task HotSwap_ToATamperedVersion_IsRefusedAndThePreviousVersionKeepsServing()
    {
        var registry = new ModelRegistry(_folder.Registry);
        var first = int.Parse(Path.GetFileName(_folder.Version));
        registry.Promote(first, ModelStage.Production);
        var tampered = TestModel.RegisterVersion(_folder.Registry);
        // The timer stays out of the way: this test decides when the watcher looks.
        await using var service = await RunningService.StartAsync(_folder.Registry, "WatchIntervalSeconds=3600");
        var watcher = (ModelWatcher)service.App.Services.GetService(typeof(ModelWatcher))!;

        // Promote verifies the file, so the damage comes after it (a corrupted disk, a tampered volume).
        registry.Promote(int.Parse(Path.GetFileName(tampered)), ModelStage.Production);
        TestModel.Tamper(tampered);
        var swapped = watcher.CheckOnce();

        Assert.False(swapped);
        var (status, body) = await PostAsync(service, _folder.Example.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(first.ToString(), body["modelVersion"]!.GetValue<string>());
    }

    [Fact]
    public void Start_WithATamperedModel_RefusesWithASentenceNamingTheFile()
    {
        TestModel.Tamper(_folder.Version);

        var error = Assert.Throws<ModelLoadException>(() => ScoringService.Build([$"--Serving:ModelPath={_folder.Version}", "--Serving:Port=0"]));

        Assert.Contains("model.zip", error.Message);
        Assert.Contains("SHA-256", error.Message);
    }

    [Theory]
    [InlineData("--Serving:Port=eighty", "Serving:Port")]
    [InlineData("--Serving:ListenAddress=everywhere", "Serving:ListenAddress")]
    [InlineData("--Serving:Port=70000", "Serving:Port is 70000; expected 0 to 65535")]
    [InlineData("--Serving:MaxRequestBodyBytes=0", "Serving:MaxRequestBodyBytes")]
    [InlineData("--Serving:MaxBatchRecords=0", "Serving:MaxBatchRecords")]
    [InlineData("--Serving:InferenceLogRetainedFiles=0", "Serving:InferenceLogRetainedFiles")]
    public void Start_WithAnUnusableSetting_SaysWhichSetting(string argument, string setting)
    {
        var error = Assert.Throws<ServingConfigurationException>(() => ScoringService.Build([$"--Serving:ModelPath={_folder.Version}", argument]));

        Assert.Contains(setting, error.Message);
    }

    [Fact]
    public void Start_WithARegistryWithoutProductionVersion_SaysToPromoteOne()
    {
        var error = Assert.Throws<ModelLoadException>(() => ScoringService.Build([$"--Serving:ModelPath={_folder.Registry}", "--Serving:Port=0"]));

        Assert.Contains("has no production version", error.Message);
    }

    [Fact]
    public async Task HealthcheckMode_ExitsZeroWhileTheServiceAnswersAndOneOtherwise()
    {
        int port;
        await using (var service = await RunningService.StartAsync(_folder.Version))
        {
            port = service.Url.Port;
            Assert.Equal(0, await HealthcheckProbe.RunAsync(Configuration(port)));
        }
        Assert.Equal(1, await HealthcheckProbe.RunAsync(Configuration(port)));
    }

    [Fact]
    public async Task HealthcheckMode_WithAPortThatIsNotANumber_ExitsOneWithoutAStackTrace()
    {
        Assert.Equal(1, await HealthcheckProbe.RunAsync(Configuration("eighty")));
    }

    [Fact]
    public async Task UnexpectedFailureInsideTheService_Is500WithASentenceNotAStackTrace_AndTheServiceKeepsServing()
    {
        // A real exception thrown by an endpoint inside the real pipeline: what a bug in the service would do.
        await using var service = await RunningService.StartAsync(_folder.Version,
            app => app.MapGet("/fails", string () => throw new InvalidOperationException("internal detail at Pipeline.Secret.Method()")));

        using var response = await service.Http.GetAsync("fails");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("InvalidOperationException", body["error"]!.GetValue<string>());
        Assert.DoesNotContain("Pipeline.Secret", body.ToJsonString());
        var (status, _) = await PostAsync(service, _folder.Example.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, status);
    }

    private static IConfiguration Configuration(object port) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Serving:Port"] = port.ToString() }).Build();

    private static async Task<List<JsonNode>> WaitForLinesAsync(string directory, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        List<JsonNode> lines = [];
        while (DateTime.UtcNow < deadline)
        {
            lines = Directory.GetFiles(directory, Pipeline.Modeling.Scoring.InferenceLogFormat.SearchPattern).Order()
                .SelectMany(f => File.ReadAllLines(f)).Select(l => JsonNode.Parse(l)!).ToList();
            if (lines.Count >= count) break;
            await Task.Delay(50);
        }
        return lines;
    }
}
