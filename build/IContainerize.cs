using Pipeline.Modeling.Steps;
using Pipeline.Delivery.Deployment;
using Pipeline.Delivery.Docker;
using Pipeline.Engine;
using Pipeline.Modeling.Provenance;
using Pipeline.Modeling.Registry;

/// <summary>Containerize: the scoring-service image of the served model version.</summary>
interface IContainerize : IRegister
{
    [Parameter("Base image of the scoring image; host-runtime makes one from this machine's .NET runtime (works offline)")]
    string BaseImage => TryGetValue(() => BaseImage) ?? ContainerizeRequest.DefaultBaseImage;

    [Parameter("Repository name of the scoring image (default: pipeline-<dataset>)")]
    string? ImageName => TryGetValue(() => ImageName);

    [Parameter("Registry to push the image to after building (e.g. localhost:5000); a cluster pulls from there")]
    string? PushRegistry => TryGetValue(() => PushRegistry);

    /// <summary>The image's repository name.</summary>
    string ScoringImageName => ScoringImage.Name(Spec.Name, ImageName);

    /// <summary>The dataset's registry.</summary>
    IModelRegistry Registry => Workspace.OpenRegistry();

    Target Containerize => _ => _
        .Description("Build the scoring-service image (service + registered model, lineage labels) through the Docker engine API")
        .DependsOn<IRegister>(x => x.Register)
        .Executes(BuildServedImageAsync);

    /// <summary>Builds the scoring image of the served (production) version, records it on the version and hands it to Deploy (also what Redeploy ships).</summary>
    async Task BuildServedImageAsync(CancellationToken cancellationToken)
    {
        var image = await ServingImageBuilder.BuildAsync(new ContainerizeRequest(
            RootDirectory / "src" / "Pipeline.Serving" / "Pipeline.Serving.csproj", ScoringImage.ServedVersionDirectory(Registry), ScoringImageName, BaseImage,
            GitRevision.Describe(RootDirectory), Workspace.ContainerizeDirectory, PushRegistry), Log.Debug, cancellationToken);
        State.Image = image;
        new LifecycleFacts(Workspace, StepLogs.Build).ImageBuilt(image.Lineage.Version, image.PrimaryTag, image.ImageId, image.Tags.Concat(image.PushedTags).ToList());
        Log.Information($"Built {string.Join(" and ", image.Tags)} ({image.ImageId[..19]}) serving model {image.Lineage.Version}.");
        foreach (var pushed in image.PushedTags) Log.Information($"Pushed {pushed}.");
    }
}
