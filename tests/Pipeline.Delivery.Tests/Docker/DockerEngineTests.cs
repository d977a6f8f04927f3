using Pipeline.Delivery.Docker;

namespace Pipeline.Delivery.Tests.Docker;

public sealed class DockerEngineTests
{
    [Fact]
    public async Task Connect_WhenNoEngineAnswers_SaysWhereItLookedAndHowToStartOne()
    {
        var endpoint = new Uri($"unix:///tmp/no-docker-engine-{Guid.NewGuid():N}.sock");

        var error = await Assert.ThrowsAsync<DockerEngineUnavailableException>(() => DockerEngine.ConnectAsync(endpoint));

        Assert.Contains(endpoint.ToString(), error.Message);
        Assert.Contains("dockerd", error.Message);
        Assert.Contains("DOCKER_HOST", error.Message);
    }
}
