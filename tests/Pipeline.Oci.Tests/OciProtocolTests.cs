using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Pipeline.Oci.Tests;

public sealed class OciProtocolTests
{
    /// <summary>An in-process handler standing in for a registry with a token service, or a flaky one.</summary>
    private sealed class ScriptedHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<(string Method, string Url, string? Authorization)> Seen { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen.Add((request.Method.Method, request.RequestUri!.ToString(), request.Headers.Authorization?.ToString()));
            return Task.FromResult(answer(request));
        }
    }

    private static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    [Fact]
    public async Task ABearerChallenge_IsAnsweredWithATokenFromTheRealm_ForTheScopeItNames()
    {
        var handler = new ScriptedHandler(request =>
        {
            var url = request.RequestUri!.ToString();
            if (url.StartsWith("https://auth.example/token", StringComparison.Ordinal))
                return request.Headers.Authorization?.Scheme == "Basic" ? Json("""{"token":"issued-token"}""") : new HttpResponseMessage(HttpStatusCode.Unauthorized);
            if (request.Headers.Authorization?.ToString() == "Bearer issued-token") return Json("""{"name":"pipeline/x","tags":["v1"]}""");
            var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
            challenge.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Bearer",
                "realm=\"https://auth.example/token\",service=\"registry.example\",scope=\"repository:pipeline/x:pull\""));
            return challenge;
        });
        using var client = new OciRepositoryClient(OciRepositoryAddress.Parse("oci://registry.example/pipeline/x"), OciCredentials.Basic("u", "p"), handler);

        var tags = await client.ListTagsAsync();

        Assert.Equal(["v1"], tags);
        Assert.Contains(handler.Seen, s => s.Url == "https://auth.example/token?service=registry.example&scope=repository%3Apipeline%2Fx%3Apull");
    }

    [Fact]
    public async Task TransientFailures_AreRetried()
    {
        var calls = 0;
        var handler = new ScriptedHandler(_ => ++calls < 3 ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) : Json("""{"tags":["a","b"]}"""));
        using var client = new OciRepositoryClient(OciRepositoryAddress.Parse("oci+http://127.0.0.1:5000/p"), handler: handler, retryDelay: TimeSpan.FromMilliseconds(1));

        Assert.Equal(["a", "b"], await client.ListTagsAsync());
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task AnErrorBodyThatEchoesTheCredential_IsScrubbed()
    {
        var handler = new ScriptedHandler(request => Json(
            $$"""{"errors":[{"code":"DENIED","message":"denied for {{request.Headers.Authorization}} and token tok-123"}]}""", HttpStatusCode.Forbidden));
        using var client = new OciRepositoryClient(OciRepositoryAddress.Parse("oci+http://127.0.0.1:5000/p"), OciCredentials.Bearer("tok-123"), handler);

        var error = await Assert.ThrowsAsync<OciException>(() => client.ListTagsAsync());

        Assert.DoesNotContain("tok-123", error.Message);
        Assert.Contains("DENIED", error.Message);
        Assert.Contains("403", error.Message);
    }

    [Fact]
    public async Task TagsArePaged_FollowingTheLinkHeader()
    {
        var handler = new ScriptedHandler(request =>
        {
            if (request.RequestUri!.Query.Contains("last=b")) return Json("""{"tags":["c"]}""");
            var page = Json("""{"tags":["a","b"]}""");
            page.Headers.TryAddWithoutValidation("Link", "</v2/p/tags/list?n=2&last=b>; rel=\"next\"");
            return page;
        });
        using var client = new OciRepositoryClient(OciRepositoryAddress.Parse("oci+http://127.0.0.1:5000/p"), handler: handler);

        Assert.Equal(["a", "b", "c"], await client.ListTagsAsync());
    }

    [Theory]
    [InlineData("oci://registry.example/pipeline", "https://registry.example/", "pipeline")]
    [InlineData("oci+http://127.0.0.1:5000/team/models", "http://127.0.0.1:5000/", "team/models")]
    public void Addresses_AreParsed(string value, string registry, string repository)
    {
        var address = OciRepositoryAddress.Parse(value);

        Assert.Equal((registry, repository), (address.Registry.ToString(), address.Repository));
        Assert.Equal(value, address.ToString());
        Assert.Equal(repository + "/ai4i2020", address.Child("ai4i2020").Repository);
    }

    [Theory]
    [InlineData("http://registry.example/p", "not a registry address")]
    [InlineData("oci://registry.example", "is not a repository name")]
    [InlineData("oci://registry.example/Upper", "is not a repository name")]
    [InlineData("oci://user:pw@registry.example/p", "carries credentials")]
    public void BadAddresses_AreRefusedWithWhatToWrite(string value, string expected)
    {
        var error = Assert.Throws<OciException>(() => OciRepositoryAddress.Parse(value));

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("pw@", error.Message);
    }
}
