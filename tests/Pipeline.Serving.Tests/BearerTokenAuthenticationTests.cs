using Pipeline.Serving.Configuration;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Pipeline.Serving.Tests;

/// <summary>Optional bearer-token authentication: off by default; when on, every endpoint but the probes needs the token.</summary>
public sealed class BearerTokenAuthenticationTests : IDisposable
{
    private const string Token = "s3cret-token-for-tests";
    private readonly RegisteredModelFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<HttpResponseMessage> PredictAsync(RunningService service, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "predict")
        {
            Content = new StringContent(_folder.Example.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await service.Http.SendAsync(request);
    }

    [Fact]
    public async Task WithAToken_PredictWithoutIt_Is401WithABearerChallenge()
    {
        await using var service = await RunningService.StartAsync(_folder.Version, $"AuthToken={Token}");

        using var response = await PredictAsync(service, null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Contains("Authorization: Bearer", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("wrong-token")]
    [InlineData(Token + "x")]
    [InlineData("s3cret")]
    public async Task WithAToken_AWrongToken_Is401NamingAnInvalidToken(string presented)
    {
        await using var service = await RunningService.StartAsync(_folder.Version, $"AuthToken={Token}");

        using var response = await PredictAsync(service, presented);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task WithATokenFile_TheRightTokenScores_AndProbesStayOpen_WhileMetricsAndModelNeedIt()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, Token + "\n");
        try
        {
            await using var service = await RunningService.StartAsync(_folder.Version, $"AuthTokenFile={file}");

            using var scored = await PredictAsync(service, Token);
            using var health = await service.Http.GetAsync("health");
            using var ready = await service.Http.GetAsync("ready");
            using var metrics = await service.Http.GetAsync("metrics");
            using var model = await service.Http.GetAsync("model");

            Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, metrics.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, model.StatusCode);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task WithoutAToken_TheServiceIsOpen()
    {
        await using var service = await RunningService.StartAsync(_folder.Version);

        using var response = await PredictAsync(service, null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task BothATokenAndATokenFile_StopTheServiceAtStartNamingBoth()
    {
        var error = await Assert.ThrowsAsync<ServingConfigurationException>(() =>
            RunningService.StartAsync(_folder.Version, $"AuthToken={Token}", "AuthTokenFile=/nonexistent"));

        Assert.Contains("AuthToken and Serving:AuthTokenFile", error.Message);
    }

    [Fact]
    public async Task AnEmptyTokenFile_StopsTheServiceAtStart()
    {
        var file = Path.GetTempFileName();
        try
        {
            var error = await Assert.ThrowsAsync<ServingConfigurationException>(() => RunningService.StartAsync(_folder.Version, $"AuthTokenFile={file}"));

            Assert.Contains("is empty", error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
