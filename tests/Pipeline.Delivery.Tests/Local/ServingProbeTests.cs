using Pipeline.Delivery.Local;

namespace Pipeline.Delivery.Tests.Local;

/// <summary>
/// The deployer's decision whether a new container is serving (<see cref="ServingProbe"/>), against an HTTP
/// stand-in: a service whose /ready answers but whose smoke prediction fails is not serving, so LocalDeployer rolls
/// it back (the Docker tests cover the roll-back itself).
/// </summary>
public sealed class ServingProbeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static Task<string?> Running(CancellationToken _) => Task.FromResult<string?>(null);

    [Fact]
    public async Task ReadyAndPredicting_IsServing_WithTheModelVersionItPredictedWith()
    {
        using var service = new ScoringServiceStandIn();

        var version = await ServingProbe.WaitUntilServingAsync(service.Url, Running, Timeout, CancellationToken.None);

        Assert.Equal("3", version);
        Assert.Equal(["/ready", "/model", "/predict"], service.Requested);
    }

    [Theory]
    [InlineData(500, """{ "error": "OutOfMemoryException" }""", "answered 500")]
    [InlineData(400, """{ "error": "Field 'Type': expected one of H, L, M" }""", "answered 400: { \"error\": \"Field 'Type'")]
    [InlineData(200, """{ "label": false }""", "answered 200 without a prediction's modelVersion")]
    [InlineData(200, "<html>proxy error</html>", "answered 200 without a prediction's modelVersion")]
    public async Task ReadyButTheSmokePredictionFails_IsNotServing_AndSaysHowThePredictionFailed(int status, string body, string expected)
    {
        using var service = new ScoringServiceStandIn();
        service.Answers["/predict"] = (status, body);

        var error = await Assert.ThrowsAsync<ServiceNotServingException>(() =>
            ServingProbe.WaitUntilServingAsync(service.Url, Running, Timeout, CancellationToken.None));

        Assert.Contains("smoke-test /predict with the model's input example", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task ReadyWithoutAnInputExample_IsNotServing()
    {
        using var service = new ScoringServiceStandIn();
        service.Answers["/model"] = (200, """{ "version": 3 }""");

        var error = await Assert.ThrowsAsync<ServiceNotServingException>(() =>
            ServingProbe.WaitUntilServingAsync(service.Url, Running, Timeout, CancellationToken.None));

        Assert.Contains("does not include the model's inputExample", error.Message);
        Assert.DoesNotContain("/predict", service.Requested);
    }

    [Fact]
    public async Task AHugeErrorBody_IsQuotedByAShortPrefix()
    {
        using var service = new ScoringServiceStandIn();
        service.Answers["/predict"] = (400, new string('x', 1_000_000));

        var error = await Assert.ThrowsAsync<ServiceNotServingException>(() =>
            ServingProbe.WaitUntilServingAsync(service.Url, Running, Timeout, CancellationToken.None));

        Assert.InRange(error.Message.Length, 1, 1_000);
        Assert.Contains("(1,000,000 characters)", error.Message);
    }

    [Fact]
    public async Task NeverReady_IsNotServing_WhenTheTimeoutEnds_NamingTheLastAnswer()
    {
        using var service = new ScoringServiceStandIn();
        service.Answers["/ready"] = (503, "loading");

        var error = await Assert.ThrowsAsync<ServiceNotServingException>(() =>
            ServingProbe.WaitUntilServingAsync(service.Url, Running, TimeSpan.FromSeconds(2), CancellationToken.None));

        Assert.Contains("not serving within the ready timeout of 2 s", error.Message);
        Assert.Contains("ready answered 503", error.Message);
        Assert.DoesNotContain("/predict", service.Requested);
    }

    [Fact]
    public async Task AStoppedService_IsNotServing_WithoutWaitingForTheTimeout()
    {
        using var service = new ScoringServiceStandIn();
        service.Answers["/ready"] = (503, "loading");

        var error = await Assert.ThrowsAsync<ServiceNotServingException>(() => ServingProbe.WaitUntilServingAsync(service.Url,
            _ => Task.FromResult<string?>("the container exited with code 139"), TimeSpan.FromMinutes(5), CancellationToken.None));

        Assert.Equal("the container exited with code 139", error.Message);
    }
}
