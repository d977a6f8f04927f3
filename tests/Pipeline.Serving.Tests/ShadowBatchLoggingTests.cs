using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Modeling.Scoring;
using Pipeline.Serving.Configuration;
using Pipeline.Serving.Endpoints;

namespace Pipeline.Serving.Tests;

/// <summary>
/// A shadow scores the requests queued for it in batches: every record of every request still gets its own shadow
/// line, with its request's id and the score the same model gives it as champion.
/// </summary>
public sealed class ShadowBatchLoggingTests : IDisposable
{
    private readonly RegisteredModelFolder _folder = new();
    private readonly string _shadow;

    public ShadowBatchLoggingTests() => _shadow = TestModel.RegisterVersion(_folder.Registry);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ConcurrentRequestsAndABatch_EachRecordHasOneShadowLine_WithItsRequestIdAndTheChampionsScore()
    {
        await using var service = await RunningService.StartAsync(_folder.Version,
            $"Challengers:0:ModelPath={_shadow}", $"Challengers:0:Mode={ChallengerOptions.ShadowMode}");
        var bodies = Enumerable.Range(0, 40).Select(i => (Id: $"single-{i}", Body: Record(torque: 20 + i).ToJsonString())).ToList();
        bodies.Add(("batch", new JsonArray(Record(11), Record(55), Record(70)).ToJsonString()));

        await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (request, token) =>
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "predict") { Content = new StringContent(request.Body, Encoding.UTF8, "application/json") };
            message.Headers.Add(PredictEndpoint.RequestIdHeader, request.Id);
            using var response = await service.Http.SendAsync(message, token);
            response.EnsureSuccessStatusCode();
        });

        var shadow = await ReadLinesAsync(Path.Combine(service.InferenceLogDirectory, InferenceLogFormat.ShadowFolder), expected: 43);
        var champion = await ReadLinesAsync(service.InferenceLogDirectory, expected: 43);
        Assert.Equal(43, shadow.Count);
        Assert.All(shadow, line => Assert.Equal("shadow", line.GetProperty(InferenceLogFormat.Role).GetString()));
        Assert.Equal(3, shadow.Count(line => line.GetProperty(InferenceLogFormat.RequestId).GetString() == "batch"));
        Assert.Equal(bodies.Select(b => b.Id).Order(), shadow.Select(Id).Distinct().Order());
        // The same model registered twice: per request id and torque, the shadow's score is the champion's.
        var championScores = champion.ToDictionary(Key, line => line.GetProperty(InferenceLogFormat.Score).GetDouble());
        Assert.All(shadow, line => Assert.Equal(championScores[Key(line)], line.GetProperty(InferenceLogFormat.Score).GetDouble(), 6));
    }

    private JsonObject Record(double torque)
    {
        var record = _folder.Example.DeepClone().AsObject();
        record["Torque [Nm]"] = torque;
        return record;
    }

    private static string Id(JsonElement line) => line.GetProperty(InferenceLogFormat.RequestId).GetString()!;

    private static string Key(JsonElement line) =>
        Id(line) + "/" + line.GetProperty(InferenceLogFormat.Features).GetProperty("Torque [Nm]").GetRawText();

    // The lines that end in a newline: a line being appended right now is left for the next read.
    private static IEnumerable<string> CompleteLines(string file) => File.ReadAllText(file).Split('\n').SkipLast(1).Where(l => l.Length > 0);

    // Written off the request path (the shadows at the lowest CPU priority): read until all lines are there, generously.
    private static async Task<List<JsonElement>> ReadLinesAsync(string directory, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var lines = Directory.Exists(directory)
                ? Directory.GetFiles(directory, InferenceLogFormat.SearchPattern).SelectMany(CompleteLines)
                    .Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList()
                : [];
            if (lines.Count >= expected || DateTime.UtcNow > deadline) return lines;
            await Task.Delay(50);
        }
    }
}
