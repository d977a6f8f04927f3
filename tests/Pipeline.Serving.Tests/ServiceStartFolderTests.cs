using System.Net;
using System.Text;
using Pipeline.Modeling.Registry;

namespace Pipeline.Serving.Tests;

/// <summary>
/// The service process started as the README says, without a ModelPath: from a checkout's root and from the
/// service project's folder it serves the checkout's <c>models/registry/ai4i2020</c>, writes its inference log under the
/// checkout's <c>artifacts/</c>, and applies the appsettings.json beside its dll (request logging off) wherever it starts.
/// </summary>
public sealed class ServiceStartFolderTests : IDisposable
{
    private readonly RegisteredModelFolder _folder = new();
    private readonly string _checkout = Directory.CreateTempSubdirectory("checkout-").FullName;

    public ServiceStartFolderTests()
    {
        Directory.CreateDirectory(Path.Combine(_checkout, ".nuke"));
        Directory.CreateDirectory(Path.Combine(_checkout, "src", "Pipeline.Serving"));
        Directory.CreateDirectory(Path.Combine(_checkout, "models", "registry"));
        Directory.CreateSymbolicLink(Path.Combine(_checkout, "models", "registry", "ai4i2020"), _folder.Registry);
        new ModelRegistry(_folder.Registry).Promote(int.Parse(Path.GetFileName(_folder.Version)), ModelStage.Production);
    }

    public void Dispose()
    {
        Directory.Delete(_checkout, recursive: true);
        _folder.Dispose();
    }

    [Theory]
    [InlineData("")]
    [InlineData("src/Pipeline.Serving")]
    public async Task StartedInsideACheckout_ServesItsRegistry_AndLogsInferencesUnderItsArtifacts(string startFolder)
    {
        await using var service = await ServiceProcess.StartAsync(Path.Combine(_checkout, startFolder));

        using var response = await service.Http.PostAsync("predict", new StringContent(_folder.Example.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var log = Path.Combine(_checkout, "artifacts", "inference-log");
        Assert.True(await Eventually(() => Directory.Exists(log) && Directory.EnumerateFiles(log, "*.jsonl").Any()),
            $"no inference log under {log}; the service printed:\n{service.Output}");
    }

    [Fact]
    public async Task StartedOutsideItsFolder_AppliesTheAppsettingsBesideItsDll_SoRequestsAreNotLoggedOneByOne()
    {
        await using var service = await ServiceProcess.StartAsync(_checkout);

        for (var i = 0; i < 5; i++)
        {
            using var response = await service.Http.GetAsync("health");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        using var missing = await service.Http.GetAsync("no-such-endpoint");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.DoesNotContain("Request starting", service.Output);
        Assert.DoesNotContain("Microsoft.AspNetCore.Hosting", service.Output);
    }

    private static async Task<bool> Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(50);
        }
        return true;
    }
}
