using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Modeling.Registry;
using Pipeline.Serving.Requests;

namespace Pipeline.Serving.Tests;

/// <summary>/predict with explanations, on real Kestrel, serving the composite test model (whole label + 4 causes).</summary>
public sealed class ExplainedPredictionTests : IDisposable
{
    private readonly RegisteredModelFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(RunningService service, string path, string body)
    {
        using var response = await service.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    // Every member's base value plus its contributions is its raw score, for the features and for the input fields.
    private static void AssertAdditive(JsonNode result)
    {
        var members = result["explanation"]!.AsArray();
        Assert.Equal(["label", .. TestModel.CauseNames], members.Select(m => m!["member"]!.GetValue<string>()));
        foreach (var member in members)
        {
            var raw = member!["rawScore"]!.GetValue<double>();
            var baseValue = member["baseValue"]!.GetValue<double>();
            Assert.Equal(raw, baseValue + member["features"]!.AsObject().Sum(p => p.Value!.GetValue<double>()), 1e-6);
            Assert.Equal(raw, baseValue + member["fields"]!.AsObject().Sum(p => p.Value!.GetValue<double>()), 1e-6);
        }
    }

    [Fact]
    public async Task ExplainQuery_ReturnsEachMembersContributionsBesideTheSameProbability()
    {
        await using var service = await RunningService.StartAsync(_folder.Version);
        var (plainStatus, plain) = await PostAsync(service, "predict", _folder.Example.ToJsonString());
        var (status, explained) = await PostAsync(service, "predict?explain=true", _folder.Example.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, plainStatus);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(plain["explanation"]);
        Assert.Equal(plain["probability"]!.GetValue<double>(), explained["probability"]!.GetValue<double>());
        AssertAdditive(explained);
        var label = explained["explanation"]![0]!;
        Assert.Contains("Type=L", label["features"]!.AsObject().Select(p => p.Key));
        Assert.Contains("Type", label["fields"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task ExplainFieldInTheBody_IsTheFlag_NotARecordField()
    {
        await using var service = await RunningService.StartAsync(_folder.Version);
        var record = _folder.Example.DeepClone().AsObject();
        record["explain"] = true;

        var (status, body) = await PostAsync(service, "predict", record.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        AssertAdditive(body);
        Assert.DoesNotContain("explain", body["explanation"]![0]!["fields"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task ExplainedBatch_ExplainsEveryRecord()
    {
        await using var service = await RunningService.StartAsync(_folder.Version);
        var records = new JsonArray(Enumerable.Range(0, 4).Select(i =>
        {
            var record = _folder.Example.DeepClone().AsObject();
            record["Torque [Nm]"] = 10 + 15 * i;
            return (JsonNode)record;
        }).ToArray());

        var (status, body) = await PostAsync(service, "predict?explain=true", records.ToJsonString());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(4, body.AsArray().Count);
        foreach (var result in body.AsArray()) AssertAdditive(result!);
    }

    [Fact]
    public async Task ExplainQueryWithAnotherValue_IsRefusedNamingTheParameter()
    {
        await using var service = await RunningService.StartAsync(_folder.Version);
        var (status, body) = await PostAsync(service, "predict?explain=maybe", _folder.Example.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("explain", body["field"]!.GetValue<string>());
        Assert.Contains("?explain=true", body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task VersionWithoutTreeCovers_AnswersExplainWith422NamingTheFile_AndStillScores()
    {
        var legacy = TestModel.RegisterVersion(_folder.Registry, withTreeCovers: false);
        await using var service = await RunningService.StartAsync(legacy);

        var (status, body) = await PostAsync(service, "predict?explain=true", _folder.Example.ToJsonString());
        var (plainStatus, _) = await PostAsync(service, "predict", _folder.Example.ToJsonString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(RegistryLayout.TreeCoversFile, body["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, plainStatus);
    }

    [Fact]
    public void ExplainField_IsTakenOutOfTheRecord_OnlyWhenBoolean()
    {
        using var flagged = PredictionRequestReader.Parse(Encoding.UTF8.GetBytes("""{"a":1,"explain":true}"""), maxRecords: 3);
        using var notFlag = PredictionRequestReader.Parse(Encoding.UTF8.GetBytes("""{"a":1,"explain":"yes"}"""), maxRecords: 3);

        Assert.True(flagged.Explain);
        Assert.False(flagged.Records[0].ContainsKey("explain"));
        Assert.False(notFlag.Explain);
        Assert.True(notFlag.Records[0].ContainsKey("explain"));
    }
}
