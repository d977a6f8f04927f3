using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Docker.DotNet.Models;
using Pipeline.Delivery.Docker;
using Pipeline.Delivery.Local;
using Pipeline.Modeling.Registry;
using Pipeline.Serving.Tests;

namespace Pipeline.Delivery.Tests.Docker;

/// <summary>Containerize and Deploy against the real Docker engine (skipped without one, failed on CI).</summary>
[Collection(DockerCollection.Name)]
public sealed class ContainerizeAndDeployLocalTests(DockerFixture fixture)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    [SkippableFact]
    public async Task Containerize_BuildsANonRootImageWithAHealthcheck_TaggedAndLabelledWithTheLineage()
    {
        fixture.RequireEngine();
        var metadata = ModelMetadata.Read(Path.Combine(fixture.VersionDirectory, "metadata.json"));
        using var client = await fixture.ClientAsync();

        var image = await client.Images.InspectImageAsync(fixture.Image.ImageId);

        Assert.Contains($"{fixture.RunName}:{metadata.Version}", image.RepoTags);
        Assert.Contains($"{fixture.RunName}:{fixture.Commit}", image.RepoTags);
        Assert.Equal(HostRuntimeBaseImage.AppUserId.ToString(), image.Config.User);
        Assert.Contains("--healthcheck", image.Config.Healthcheck.Test);
        Assert.Equal(metadata.Version.ToString(), image.Config.Labels["pipeline.model.version"]);
        Assert.Equal(metadata.Lineage.DataHash, image.Config.Labels["pipeline.data.sha256"]);
        Assert.Equal(metadata.ModelSha256, image.Config.Labels["pipeline.model.sha256"]);
        Assert.Equal(fixture.Commit, image.Config.Labels["org.opencontainers.image.revision"]);
    }

    [SkippableFact]
    public async Task DeployLocal_AnswersPredictWithTheModelVersion_AndReplacesThePreviousContainerOnlyOnceReady()
    {
        fixture.RequireEngine();
        var service = $"{fixture.RunName}-deploy";
        var port = DockerFixture.FreePortPair();
        var inferenceLog = Path.Combine(fixture.WorkDirectory, "deployed-inference-log");
        var request = new LocalDeployRequest(fixture.Image.PrimaryTag, service, port, ReadyTimeout, inferenceLog);

        var first = await LocalDeployer.DeployAsync(request);
        var second = await LocalDeployer.DeployAsync(request);

        var version = fixture.Image.Lineage.Version;
        Assert.Equal(version, first.ModelVersion);
        Assert.Equal(new Uri($"http://127.0.0.1:{port}/"), first.Url);
        Assert.Equal(new Uri($"http://127.0.0.1:{port + 1}/"), second.Url);
        Assert.Equal([first.ContainerName], second.ReplacedContainers);
        using var client = await fixture.ClientAsync();
        var running = await LocalDeployer.RunningContainersAsync(client, service, CancellationToken.None);
        Assert.Equal([second.ContainerId], running.Select(c => c.ID));

        var prediction = await PredictWithInputExampleAsync(second.Url);
        Assert.Equal(version, prediction.GetProperty("modelVersion").GetString());
        Assert.InRange(prediction.GetProperty("probability").GetDouble(), 0, 1);
        // The scored records land in the host folder mounted as the container's inference log.
        var logged = await WaitForInferenceLogLineAsync(inferenceLog);
        Assert.Equal(version, logged.GetProperty("modelVersion").GetString());

        // The image's HEALTHCHECK (the service probing itself, no curl in the image) reports healthy.
        var health = "";
        var watch = Stopwatch.StartNew();
        while (health != "healthy" && watch.Elapsed < TimeSpan.FromSeconds(45))
        {
            await Task.Delay(1000);
            health = (await client.Containers.InspectContainerAsync(second.ContainerId)).State.Health?.Status ?? "";
        }
        Assert.Equal("healthy", health);
    }

    [SkippableFact]
    public async Task DeployLocal_ImageWithATamperedModel_IsRolledBack_AndThePreviousContainerKeepsServing()
    {
        fixture.RequireEngine();
        var (service, port, good) = await DeployTheGoodImageAsync("rollback");
        var broken = await BuildImageWithTamperedModelAsync();

        var error = await Assert.ThrowsAsync<DeploymentRolledBackException>(() =>
            LocalDeployer.DeployAsync(new LocalDeployRequest(broken, service, port, ReadyTimeout)));

        Assert.Contains($"the previous container {good.ContainerName} keeps serving", error.Message);
        Assert.Contains("SHA-256", error.Message);
        await AssertOnlyTheGoodContainerServesAsync(service, good);
    }

    [SkippableFact]
    public async Task DeployLocal_ReadyButTheSmokePredictionFails_IsRolledBack_AndThePreviousContainerKeepsServing()
    {
        fixture.RequireEngine();
        var (service, port, good) = await DeployTheGoodImageAsync("smoke-fails");
        var cannotPredict = await BuildReadyButCannotPredictImageAsync();

        var error = await Assert.ThrowsAsync<DeploymentRolledBackException>(() =>
            LocalDeployer.DeployAsync(new LocalDeployRequest(cannotPredict, service, port, ReadyTimeout)));

        Assert.Contains("the smoke-test /predict with the model's input example answered 400", error.Message);
        Assert.Contains($"the previous container {good.ContainerName} keeps serving", error.Message);
        await AssertOnlyTheGoodContainerServesAsync(service, good);
    }

    [SkippableFact]
    public async Task DeployLocal_ServiceThatNeverAnswersReady_IsRolledBackWhenTheReadyTimeoutEnds()
    {
        fixture.RequireEngine();
        var service = $"{fixture.RunName}-never-ready";
        var timeout = TimeSpan.FromSeconds(6);
        var neverReady = await BuildNeverReadyImageAsync();
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DeploymentRolledBackException>(() =>
            LocalDeployer.DeployAsync(new LocalDeployRequest(neverReady, service, DockerFixture.FreePortPair(), timeout)));

        watch.Stop();
        Assert.Contains("not serving within the ready timeout of 6 s", error.Message);
        Assert.Contains("there was no previous container", error.Message);
        // Waited the whole timeout, and not much longer (removing the container takes a moment).
        Assert.InRange(watch.Elapsed, timeout, timeout + TimeSpan.FromSeconds(30));
        Assert.Empty(await ContainersOfAsync(service));
    }

    [SkippableFact]
    public async Task DeployLocal_Cancelled_RemovesTheNewContainer_AndThePreviousOneKeepsServing()
    {
        fixture.RequireEngine();
        var (service, port, good) = await DeployTheGoodImageAsync("cancelled");
        var neverReady = await BuildNeverReadyImageAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(4));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            LocalDeployer.DeployAsync(new LocalDeployRequest(neverReady, service, port, ReadyTimeout), null, cancel.Token));

        await AssertOnlyTheGoodContainerServesAsync(service, good);
    }

    [SkippableFact]
    public async Task Containerize_TamperedModel_IsRefusedNamingTheFileAndBothHashes_AndNoImageIsBuilt()
    {
        fixture.RequireEngine();
        var version = TestModel.RegisterVersion(Path.Combine(fixture.WorkDirectory, "tampered-registry"));
        var registered = ModelMetadata.Read(Path.Combine(version, "metadata.json")).ModelSha256;
        TestModel.Tamper(version);
        var modelFile = Path.Combine(version, "model.zip");
        var work = Path.Combine(fixture.WorkDirectory, "tampered-containerize");
        var name = $"{fixture.RunName}-tampered";

        var error = await Assert.ThrowsAsync<ModelNotServableException>(() => ServingImageBuilder.BuildAsync(
            new ContainerizeRequest(RepositoryPaths.ServingProject, version, name, HostRuntimeBaseImage.ParameterValue, fixture.Commit, work)));

        Assert.Contains(modelFile, error.Message);
        Assert.Contains(registered, error.Message);
        Assert.Contains(ModelFileIntegrity.Sha256Of(modelFile), error.Message);
        Assert.Contains("No image was built", error.Message);
        // Refused before the service was even published, and the engine has no image of that name.
        Assert.False(Directory.Exists(Path.Combine(work, "publish")));
        using var client = await fixture.ClientAsync();
        var images = await client.Images.ListImagesAsync(new ImagesListParameters { All = true });
        Assert.DoesNotContain(images, i => i.RepoTags?.Any(t => t.StartsWith(name + ":", StringComparison.Ordinal)) == true);
    }

    [SkippableFact]
    public async Task Containerize_Push_PutsBothTagsIntoALocalDockerRegistry()
    {
        fixture.RequireEngine();
        await using var registry = await LocalDockerRegistry.StartAsync(fixture.WorkDirectory);
        using var client = await fixture.ClientAsync();

        var pushed = await ServingImageBuilder.PushAsync(client, fixture.Image.Tags, registry.Host, null, CancellationToken.None);

        Assert.Equal(fixture.Image.Tags.Select(t => $"{registry.Host}/{t}"), pushed);
        using var http = new HttpClient();
        using var tags = await http.GetFromJsonAsync<JsonDocument>($"http://{registry.Host}/v2/{fixture.RunName}/tags/list");
        var listed = tags!.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).Order().ToList();
        Assert.Equal(fixture.Image.Tags.Select(t => t[(t.LastIndexOf(':') + 1)..]).Order().ToList(), listed);
    }

    [SkippableFact]
    public async Task Containerize_BaseImageThatCannotBePulled_SuggestsTheHostRuntimeBase()
    {
        fixture.RequireEngine();
        var request = new ContainerizeRequest(RepositoryPaths.ServingProject, fixture.VersionDirectory, $"{fixture.RunName}-unpullable",
            "127.0.0.1:1/nowhere/aspnet:10.0", fixture.Commit, Path.Combine(fixture.WorkDirectory, "unpullable"));

        var error = await Assert.ThrowsAsync<DockerOperationException>(() => ServingImageBuilder.BuildAsync(request));

        Assert.Contains("127.0.0.1:1/nowhere/aspnet:10.0", error.Message);
        Assert.Contains($"--base-image {HostRuntimeBaseImage.ParameterValue}", error.Message);
    }

    [SkippableFact]
    public async Task DeployLocal_ImageNotOnTheEngine_SaysToRunContainerizeFirst()
    {
        fixture.RequireEngine();

        var error = await Assert.ThrowsAsync<DockerOperationException>(() =>
            LocalDeployer.DeployAsync(new LocalDeployRequest($"{fixture.RunName}:absent", $"{fixture.RunName}-absent", DockerFixture.FreePortPair(), ReadyTimeout)));

        Assert.Contains("Containerize", error.Message);
    }

    /// <summary>Deploys the fixture's good image as a new service named after <paramref name="purpose"/>.</summary>
    private async Task<(string Service, int Port, LocalDeployment Good)> DeployTheGoodImageAsync(string purpose)
    {
        var service = $"{fixture.RunName}-{purpose}";
        var port = DockerFixture.FreePortPair();
        return (service, port, await LocalDeployer.DeployAsync(new LocalDeployRequest(fixture.Image.PrimaryTag, service, port, ReadyTimeout)));
    }

    /// <summary>The service has exactly one container, running or not: <paramref name="good"/>, which still answers /predict.</summary>
    private async Task AssertOnlyTheGoodContainerServesAsync(string service, LocalDeployment good)
    {
        Assert.Equal([good.ContainerId], (await ContainersOfAsync(service)).Select(c => c.ID));
        var prediction = await PredictWithInputExampleAsync(good.Url);
        Assert.Equal(fixture.Image.Lineage.Version, prediction.GetProperty("modelVersion").GetString());
    }

    /// <summary>Every container of <paramref name="service"/>, running or not.</summary>
    private async Task<IList<ContainerListResponse>> ContainersOfAsync(string service)
    {
        using var client = await fixture.ClientAsync();
        return await client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{LocalDeployer.ServiceLabel}={service}"] = true } },
        });
    }

    private static async Task<JsonElement> WaitForInferenceLogLineAsync(string directory)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var line = Directory.Exists(directory)
                ? Directory.GetFiles(directory, "inference-*.jsonl").SelectMany(File.ReadAllLines).FirstOrDefault()
                : null;
            if (line is not null) return JsonDocument.Parse(line).RootElement;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No inference log line appeared in {directory}.");
    }

    private static async Task<JsonElement> PredictWithInputExampleAsync(Uri url)
    {
        using var http = new HttpClient { BaseAddress = url };
        using var model = await http.GetFromJsonAsync<JsonDocument>("model");
        var example = model!.RootElement.GetProperty("inputExample").GetRawText();
        using var response = await http.PostAsync("predict", new StringContent(example, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return body.ValueKind == JsonValueKind.Array ? body[0] : body;
    }

    /// <summary>
    /// The good image with one byte of model.zip changed after it was built: its SHA-256 no longer matches
    /// metadata.json. Built from a plain Dockerfile on top of the good image, since Containerize itself refuses a
    /// tampered model (see <see cref="Containerize_TamperedModel_IsRefusedNamingTheFileAndBothHashes_AndNoImageIsBuilt"/>).
    /// </summary>
    private async Task<string> BuildImageWithTamperedModelAsync()
    {
        var tampered = Path.Combine(fixture.WorkDirectory, "tampered");
        Directory.CreateDirectory(tampered);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(fixture.VersionDirectory, "model.zip"));
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(Path.Combine(tampered, "model.zip"), bytes);
        return await BuildOnTheGoodImageAsync("tampered", new BuildContext()
            .AddFile("Dockerfile", $"FROM {fixture.Image.PrimaryTag}\nCOPY model.zip {ServingDockerfile.ModelDirectory}/model.zip\n")
            .AddDirectory(tampered, "."));
    }

    /// <summary>
    /// The good image with the service listening on 127.0.0.2 (host network): the container runs, but /ready on
    /// 127.0.0.1 never answers. Built once per run.
    /// </summary>
    private Task<string> BuildNeverReadyImageAsync() => BuildOnTheGoodImageAsync("never-ready", new BuildContext().AddFile("Dockerfile", $"""
        FROM {fixture.Image.PrimaryTag}
        ENTRYPOINT ["dotnet", "/app/Pipeline.Serving.dll", "--Serving:ListenAddress=127.0.0.2"]

        """));

    // Loads the model and answers /ready, but refuses every record of more than one field: /predict answers 400.
    private Task<string> BuildReadyButCannotPredictImageAsync() => BuildOnTheGoodImageAsync("cannot-predict", new BuildContext().AddFile("Dockerfile", $"""
        FROM {fixture.Image.PrimaryTag}
        ENTRYPOINT ["dotnet", "/app/Pipeline.Serving.dll", "--Serving:MaxFieldsPerRecord=1"]

        """));

    private async Task<string> BuildOnTheGoodImageAsync(string variant, BuildContext context)
    {
        var tag = $"{fixture.RunName}:{variant}";
        using var client = await fixture.ClientAsync();
        var progress = new DockerProgressLog(null);
        await using (var tar = context.ToTarStream())
        {
            await client.Images.BuildImageFromDockerfileAsync(new ImageBuildParameters { Tags = [tag], Remove = true }, tar, [], new Dictionary<string, string>(), progress);
        }
        progress.ThrowIfFailed($"Building the {variant} image");
        return tag;
    }
}
