using System.Text;
using System.Text.Json.Nodes;
using Pipeline.Data;
using Pipeline.Data.Features;
using Pipeline.Data.Specs;
using Pipeline.Monitoring;

namespace Pipeline.Serving.Tests;

/// <summary>
/// The inference log has one format (<see cref="Pipeline.Modeling.Scoring.InferenceLogFormat"/>) for the service that
/// writes it and the drift check that reads it: what the real service logs is read back with its features and scores.
/// </summary>
public sealed class InferenceLogRoundTripTests : IDisposable
{
    private readonly RegisteredModelFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RecordsTheServiceLogged_AreReadBackByTheDriftChecksReader_WithTheirFeaturesAndScores()
    {
        await using var service = await RunningService.StartAsync(_folder.Version);
        double[] temperatures = [298.1, 299.5, 300.2];
        var batch = new JsonArray(temperatures.Select(t =>
        {
            var record = _folder.Example.DeepClone().AsObject();
            record["Air temperature [K]"] = t;
            return (JsonNode)record;
        }).ToArray());

        using var response = await service.Http.PostAsync("predict", new StringContent(batch.ToJsonString(), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        var answered = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray()
            .Select(r => r!["probability"]!.GetValue<double>()).ToArray();
        var spec = DatasetSpec.Load(Path.Combine(_folder.Version, "spec.json"));
        var sample = await ReadWhenWrittenAsync(spec, service.InferenceLogDirectory, temperatures.Length);

        Assert.Equal(temperatures.Length, sample.RowCount);
        Assert.Equal(temperatures, sample.Numeric("Air temperature [K]"));
        Assert.All(sample.Categories("Type"), type => Assert.Equal(_folder.Example["Type"]!.GetValue<string>(), type));
        Assert.NotNull(sample.Scores);
        Assert.Equal(answered.Select(p => Math.Round(p, 5)), sample.Scores!.Select(s => Math.Round((double)s, 5)));
    }

    // The service writes its log in the background, off the request path: read until every record is there.
    private static async Task<FeatureSample> ReadWhenWrittenAsync(DatasetSpec spec, string directory, int rows)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                var sample = InferenceLogReader.Read(spec, directory);
                if (sample.RowCount >= rows || DateTime.UtcNow > deadline) return sample;
            }
            catch (DataException) when (DateTime.UtcNow <= deadline)
            {
                // No file yet.
            }
            await Task.Delay(50);
        }
    }
}
