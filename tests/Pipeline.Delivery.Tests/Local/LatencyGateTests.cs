using System.Text.Json;
using Pipeline.Delivery.Local;

namespace Pipeline.Delivery.Tests.Local;

/// <summary>
/// The deploy's SLO gate without Docker: its decision on measured figures, the figures themselves, the requests it
/// replays, and the gate against an HTTP stand-in (the Docker tests cover the container being refused and removed).
/// </summary>
public sealed class LatencyGateTests
{
    private static readonly SloBudget Budget = new(P99Milliseconds: 100, MaxErrorRate: 0.01, Requests: 200);

    [Fact]
    public void FiguresWithinBudget_PassTheGate()
    {
        Assert.Null(Budget.Exceeded(new LatencyReport(200, 2, 5, 99.9, 140, "test")));
    }

    [Fact]
    public void P99OverBudget_IsRefused_WithTheMeasuredAndTheBudgetedP99()
    {
        var over = Budget.Exceeded(new LatencyReport(200, 0, 5, 180.4, 300, "test"));

        Assert.Equal("p99 180.4 ms is over the budget of 100.0 ms", over);
    }

    [Fact]
    public void ErrorRateOverBudget_IsRefused_AndBothReasonsAreGivenWhenBothAreOver()
    {
        Assert.Equal("error rate 1.5 % is over the budget of 1 %", Budget.Exceeded(new LatencyReport(200, 3, 5, 50, 60, "test")));
        Assert.Equal("p99 101.0 ms is over the budget of 100.0 ms and error rate 50 % is over the budget of 1 %",
            Budget.Exceeded(new LatencyReport(200, 100, 5, 101, 160, "test")));
    }

    [Fact]
    public void P99_IsTheNearestRank_NeverBelowAnObservedLatency()
    {
        var report = LatencyReport.Of(Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToList(), errors: 1, "test");

        Assert.Equal(99, report.P99Milliseconds);
        Assert.Equal(50, report.P50Milliseconds);
        Assert.Equal(100, report.MaxMilliseconds);
        Assert.Equal(0.01, report.ErrorRate);
    }

    [Theory]
    [InlineData(0, 0.01, 100, "--slo-p99-ms")]
    [InlineData(100, 1.5, 100, "--slo-max-error-rate")]
    [InlineData(100, 0.01, 0, "--slo-requests")]
    public void BudgetOutOfRange_IsRefusedNamingTheOption(double p99, double errorRate, int requests, string option)
    {
        var e = Assert.Throws<ArgumentException>(() => new SloBudget(p99, errorRate, requests).Validated());

        Assert.StartsWith(option, e.Message);
    }

    [Fact]
    public void ReplaySample_TakesTheFeaturesOfRecordedTraffic_NewestFirst_AndNotTheShadowsRecords()
    {
        var log = Directory.CreateTempSubdirectory("replay-").FullName;
        try
        {
            File.WriteAllLines(Path.Combine(log, "inference-20260101T000000-000000.jsonl"),
                ["""{"modelVersion":"1","score":0.1,"features":{"Torque [Nm]":1}}""", """{"modelVersion":"1","score":0.1,"features":{"Torque [Nm]":2}}"""]);
            File.WriteAllLines(Path.Combine(log, "inference-20260102T000000-000000.jsonl"),
                ["""{"modelVersion":"1","score":0.1,"features":{"Torque [Nm]":3}}""", """{"modelVersion":"1","score":0.1,"features":{"Torq"""]);
            Directory.CreateDirectory(Path.Combine(log, "shadow"));
            File.WriteAllLines(Path.Combine(log, "shadow", "inference-20260103T000000-000000.jsonl"), ["""{"modelVersion":"2","features":{"Torque [Nm]":9}}"""]);

            var sample = ReplaySample.From(log, default, count: 2);

            Assert.Equal(["""{"Torque [Nm]":3}""", """{"Torque [Nm]":1}"""], sample.Bodies);
            Assert.Contains("recorded", sample.Source);
        }
        finally
        {
            Directory.Delete(log, recursive: true);
        }
    }

    [Fact]
    public void ReplaySample_WithoutRecordedTraffic_IsTheModelsInputExample()
    {
        using var example = JsonDocument.Parse("""[{"Type":"M","Torque [Nm]":42.8}]""");

        var sample = ReplaySample.From(Path.Combine(Path.GetTempPath(), "no-such-log-" + Guid.NewGuid()), example.RootElement, count: 50);

        Assert.Equal(["""{"Type":"M","Torque [Nm]":42.8}"""], sample.Bodies);
        Assert.Equal("the model's input example", sample.Source);
    }

    [Fact]
    public async Task AServiceWithinBudget_PassesWithTheFigures_AndOneFailingEveryRequest_IsRefusedOnItsErrorRate()
    {
        using var service = new ScoringServiceStandIn();
        var generous = new SloBudget(P99Milliseconds: 5_000, MaxErrorRate: 0.01, Requests: 50, Concurrency: 2);

        var report = await LatencyGate.CheckAsync(service.Url, null, generous, CancellationToken.None);

        Assert.Equal(50, report.Requests);
        Assert.Equal(0, report.Errors);
        Assert.InRange(report.P99Milliseconds, report.P50Milliseconds, 5_000);
        service.Answers["/predict"] = (500, """{ "error": "boom" }""");
        var refused = await Assert.ThrowsAsync<LatencyBudgetExceededException>(() => LatencyGate.CheckAsync(service.Url, null, generous, CancellationToken.None));
        Assert.Equal(50, refused.Report.Errors);
        Assert.StartsWith("error rate 100 % is over the budget of 1 %", refused.Message);
    }

    [Fact]
    public async Task AServiceSlowerThanItsP99Budget_IsRefusedWithTheMeasuredP99()
    {
        using var service = new ScoringServiceStandIn();
        // No HTTP round trip takes less than a microsecond: this budget cannot be met.
        var tiny = new SloBudget(P99Milliseconds: 0.001, MaxErrorRate: 0.01, Requests: 30, Concurrency: 2);

        var refused = await Assert.ThrowsAsync<LatencyBudgetExceededException>(() => LatencyGate.CheckAsync(service.Url, null, tiny, CancellationToken.None));

        Assert.StartsWith("p99 ", refused.Message);
        Assert.Contains("is over the budget of 0.0 ms", refused.Message);
        Assert.Contains("30 replayed requests (the model's input example)", refused.Message);
        Assert.True(refused.Report.P99Milliseconds > 0.001);
    }
}
