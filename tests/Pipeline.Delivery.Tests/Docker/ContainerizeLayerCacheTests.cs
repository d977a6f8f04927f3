using Pipeline.Delivery.Docker;
using Pipeline.Serving.Tests;

namespace Pipeline.Delivery.Tests.Docker;

/// <summary>A new model version against the real Docker engine: only the model's layer is new (skipped without an engine, failed on CI).</summary>
[Collection(DockerCollection.Name)]
public sealed class ContainerizeLayerCacheTests(DockerFixture fixture)
{
    [SkippableFact]
    public async Task Containerize_NextModelVersion_ReusesThePublishAndEveryLayerButTheModels()
    {
        fixture.RequireEngine();
        // The fixture's image was built from version N of this registry, with the same work folder.
        var next = TestModel.RegisterVersion(Path.Combine(fixture.WorkDirectory, "registry"));
        var log = new List<string>();

        var image = await ServingImageBuilder.BuildAsync(new ContainerizeRequest(
            RepositoryPaths.ServingProject, next, $"{fixture.RunName}-next", HostRuntimeBaseImage.ParameterValue, fixture.Commit,
            Path.Combine(fixture.WorkDirectory, "containerize")), log.Add);

        using var client = await fixture.ClientAsync();
        var previousLayers = (await client.Images.InspectImageAsync(fixture.Image.ImageId)).RootFS.Layers;
        var layers = (await client.Images.InspectImageAsync(image.ImageId)).RootFS.Layers;
        Assert.NotEqual(fixture.Image.Lineage.Version, image.Lineage.Version);
        Assert.Equal(previousLayers.Count, layers.Count);
        Assert.Equal(previousLayers.SkipLast(1), layers.SkipLast(1));
        Assert.NotEqual(previousLayers[^1], layers[^1]);
        Assert.Contains(log, line => line.Contains("sources are unchanged", StringComparison.Ordinal));
        // The new layer holds the model: the version's metadata.json is in it, at the path the service reads.
        var history = await client.Images.GetImageHistoryAsync(image.ImageId);
        var newest = history.First(h => h.Size > 0);
        Assert.Contains($"{ServingDockerfile.ModelDirectory}/", newest.CreatedBy);
    }
}
