using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Delivery.Traffic;
using Pipeline.Modeling.Promotion;
using Pipeline.Modeling.Scoring;
using Pipeline.Serving.Tests;

namespace Pipeline.Delivery.Tests.Traffic;

/// <summary>
/// The champion against a shadow challenger on the traffic a scoring service logged: score distributions per version,
/// and the registry's promotion rule on outcomes joined back by request id.
/// </summary>
public sealed class VersionComparisonTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("compare-versions-").FullName;
    private readonly (string Version, JsonObject Example) _folder;
    private readonly string _challenger;

    public VersionComparisonTests()
    {
        var registry = Path.Combine(_work, "registry");
        var version = TestModel.RegisterVersion(registry);
        _folder = (version, TestModel.InputExample(version));
        _challenger = TestModel.RegisterVersion(registry);
    }

    private string Registry => Path.Combine(_work, "registry");

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task ShadowOnLoggedTraffic_WithLabelsJoinedByRequestId_IsJudgedByThePromotionRule_AndAnEqualModelIsNotPromoted()
    {
        var log = await LogTrafficAsync(requests: 60);
        var labels = Path.Combine(_work, "labels.csv");
        File.WriteAllLines(labels, ["requestId,label", .. Enumerable.Range(0, 60).Select(i => $"req-{i},{(i % 4 == 0 ? 1 : 0)}")]);
        using var champion = ScoringModel.Load(_folder.Version);
        using var challenger = ScoringModel.Load(_challenger);

        var result = VersionComparison.Compare(LoggedTraffic.Read(log), champion, challenger, JoinedLabels.Read(labels), new PromotionRule());

        Assert.Equal(60, result.Champion.Records);
        Assert.Equal("champion", result.Champion.Role);
        Assert.Equal(60, result.Challenger.Records);
        Assert.Equal("shadow", result.Challenger.Role);
        // The same model registered twice scores alike: same distribution, and no improvement to clear the margin.
        Assert.Equal(result.Champion.MeanScore, result.Challenger.MeanScore, 5);
        Assert.Equal(60, result.LabelledRows);
        Assert.NotNull(result.Decision);
        Assert.Equal(0, result.Decision!.Difference, 9);
        Assert.False(result.Promote);
        Assert.Contains("On 60 labelled requests scored by both versions: stays staging", result.Report);
    }

    [Fact]
    public async Task WithoutLabels_TheDistributionsAreCompared_AndNothingIsPromoted()
    {
        var log = await LogTrafficAsync(requests: 5);
        using var champion = ScoringModel.Load(_folder.Version);
        using var challenger = ScoringModel.Load(_challenger);

        var result = VersionComparison.Compare(LoggedTraffic.Read(log), champion, challenger, labels: null, new PromotionRule());

        Assert.Null(result.Decision);
        Assert.False(result.Promote);
        Assert.Contains("No labels joined (--labels)", result.Report);
        Assert.Contains(VersionTraffic.Header, result.Report);
    }

    [Fact]
    public async Task AChallengerWithoutLoggedTraffic_IsRefusedSayingToDeployIt()
    {
        var log = await LogTrafficAsync(requests: 2);
        using var champion = ScoringModel.Load(_folder.Version);
        var third = TestModel.RegisterVersion(Registry);
        using var unserved = ScoringModel.Load(third);

        var e = Assert.Throws<InvalidOperationException>(() => VersionComparison.Compare(LoggedTraffic.Read(log), champion, unserved, null, new PromotionRule()));

        Assert.Contains($"no record scored by version {Path.GetFileName(third)}", e.Message);
    }

    [Theory]
    [InlineData("id,label\nreq-1,1\n", "expected a requestId (or routingKey) column and a label column")]
    [InlineData("requestId,label\nreq-1,maybe\n", "line 2, column label: \"maybe\" is not a label")]
    public void LabelsFileWithoutTheColumnsOrWithABadLabel_IsRefusedNamingWhere(string content, string expected)
    {
        var path = Path.Combine(_work, "bad-labels.csv");
        File.WriteAllText(path, content);

        var e = Assert.Throws<InvalidOperationException>(() => JoinedLabels.Read(path));

        Assert.Contains(expected, e.Message);
    }

    // The log a service with the second version in shadow writes for requests req-0, req-1, … (the serving tests pin
    // that the service writes these fields): the champion's records in the folder, the shadow's in shadow/.
    private Task<string> LogTrafficAsync(int requests)
    {
        var log = Path.Combine(_work, "log");
        Directory.CreateDirectory(Path.Combine(log, InferenceLogFormat.ShadowFolder));
        using var champion = ScoringModel.Load(_folder.Version);
        using var shadow = ScoringModel.Load(_challenger);
        var main = new List<string>();
        var shadowed = new List<string>();
        for (var i = 0; i < requests; i++)
        {
            var record = _folder.Example.DeepClone().AsObject();
            record["Torque [Nm]"] = 20 + i;
            var features = JsonDocument.Parse(record.ToJsonString()).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
            main.Add(Line(Path.GetFileName(_folder.Version), "champion", $"req-{i}", champion.Score(features).Probability, record));
            shadowed.Add(Line(Path.GetFileName(_challenger), "shadow", $"req-{i}", shadow.Score(features).Probability, record));
        }
        File.WriteAllLines(Path.Combine(log, InferenceLogFormat.FileName(DateTime.UtcNow, 0)), main);
        File.WriteAllLines(Path.Combine(log, InferenceLogFormat.ShadowFolder, InferenceLogFormat.FileName(DateTime.UtcNow, 0)), shadowed);
        return Task.FromResult(log);
    }

    private static string Line(string version, string role, string requestId, double score, JsonObject features) => new JsonObject
    {
        [InferenceLogFormat.Time] = "2026-11-30T00:00:00Z",
        [InferenceLogFormat.ModelVersion] = version,
        [InferenceLogFormat.Role] = role,
        [InferenceLogFormat.RequestId] = requestId,
        [InferenceLogFormat.Score] = score,
        [InferenceLogFormat.Label] = false,
        [InferenceLogFormat.Features] = features.DeepClone(),
    }.ToJsonString();
}
