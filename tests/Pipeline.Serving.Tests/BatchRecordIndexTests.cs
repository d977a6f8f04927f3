using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Pipeline.Serving.Tests;

/// <summary>
/// A bad record in a batch (a JSON array) is named by its index, also when the batch holds one record; a single
/// record sent as an object has no index to name.
/// </summary>
public sealed class BatchRecordIndexTests : IDisposable
{
    private readonly RegisteredModelFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<(HttpStatusCode Status, JsonNode Body)> PostAsync(RunningService service, JsonNode body)
    {
        using var response = await service.Http.PostAsync("predict", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private JsonObject BadRecord()
    {
        var record = _folder.Example.DeepClone().AsObject();
        record["Torque [Nm]"] = "x";
        return record;
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(3, 2)]
    public async Task BadRecordInABatch_Is400NamingItsIndexAndField(int batchSize, int badIndex)
    {
        await using var service = await RunningService.StartAsync(_folder.Version);
        var batch = new JsonArray(Enumerable.Range(0, batchSize).Select(i => i == badIndex ? BadRecord() : (JsonNode)_folder.Example.DeepClone()).ToArray());

        var (status, body) = await PostAsync(service, batch);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Torque [Nm]", body["field"]!.GetValue<string>());
        Assert.StartsWith($"Record {badIndex}: Field 'Torque [Nm]' has the wrong type", body["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task BadSingleRecord_Is400NamingTheFieldWithoutAnIndex()
    {
        await using var service = await RunningService.StartAsync(_folder.Version);

        var (status, body) = await PostAsync(service, BadRecord());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Field 'Torque [Nm]' has the wrong type", body["error"]!.GetValue<string>());
    }
}
