using Pipeline.Delivery.Docker;
using Pipeline.Delivery.Kubernetes;
using Pipeline.Delivery.Local;
using Pipeline.Engine;
using Pipeline.Modeling.Workflow;

/// <summary>Delivery: the scoring-service image (Containerize) and its deployment (Deploy).</summary>
partial class Build
{
    // Named DeployEnvironment in C# so that System.Environment stays usable in every partial file.
    [Parameter("Deploy target: local (the Docker engine, blue/green on ServicePort and ServicePort+1) or kubernetes (the kubeconfig's cluster)", Name = "Environment")]
    readonly string DeployEnvironment = "local";

    [Parameter("Base image of the scoring image; host-runtime makes one from this machine's .NET runtime (works offline)")]
    readonly string BaseImage = ContainerizeRequest.DefaultBaseImage;

    [Parameter("Repository name of the scoring image (default: pipeline-<dataset>)")]
    readonly string? ImageName;

    [Parameter("Port of the local deployment; successive deployments alternate between it and the next port")]
    readonly int ServicePort = 8080;

    [Parameter("Path of the kubeconfig for --environment kubernetes"), Secret]
    readonly string? Kubeconfig;

    [Parameter("With --environment kubernetes: write the manifests to artifacts/deploy/ instead of applying them")]
    readonly bool DryRun;

    [Parameter("Registry to push the image to after building (e.g. localhost:5000); a cluster pulls from there")]
    readonly string? PushRegistry;

    [Parameter("Kubernetes namespace to deploy into")]
    readonly string KubernetesNamespace = "default";

    BuiltImage? ContainerizedImage;

    string ScoringImageName => ImageName ?? $"pipeline-{Spec.Name}";

    /// <summary>The version the image serves: the production version, else the newest registered one.</summary>
    string ServedVersionDirectory()
    {
        var registry = ModelOps.Registry;
        return registry.ProductionDirectory
            ?? (registry.Versions.Count > 0 ? registry.VersionDirectory(registry.Versions[^1]) : throw new InvalidOperationException(
                $"The model registry {registry.Directory} has no versions; run the Register target first."));
    }

    Target Containerize => _ => _
        .Description("Build the scoring-service image (service + registered model, lineage labels) through the Docker engine API")
        .DependsOn(Register)
        .Executes(async cancellationToken =>
        {
            ContainerizedImage = await ServingImageBuilder.BuildAsync(new ContainerizeRequest(
                RootDirectory / "src" / "Pipeline.Serving" / "Pipeline.Serving.csproj", ServedVersionDirectory(), ScoringImageName, BaseImage,
                GitRevision.Describe(RootDirectory), ArtifactsDirectory / "containerize", PushRegistry), Log.Debug, cancellationToken);
            Log.Information($"Built {string.Join(" and ", ContainerizedImage.Tags)} ({ContainerizedImage.ImageId[..19]}) serving model {ContainerizedImage.Lineage.Version}.");
            foreach (var pushed in ContainerizedImage.PushedTags) Log.Information($"Pushed {pushed}.");
        });

    Target Deploy => _ => _
        .Description("Deploy the image: --environment local (run, wait for /ready, smoke-test, replace, roll back) or kubernetes")
        .DependsOn(Containerize)
        .Executes(async cancellationToken =>
        {
            // With --skip Containerize (e.g. a Kubernetes dry run on a machine without Docker) the names follow from the model.
            var version = ContainerizedImage?.Lineage.Version ?? ModelLineage.Read(ServedVersionDirectory()).Version;
            var localImage = ContainerizedImage?.PrimaryTag ?? $"{ScoringImageName}:{version}";
            var pushedImage = ContainerizedImage?.PushedTags.FirstOrDefault() ?? (PushRegistry is null ? localImage : $"{PushRegistry.TrimEnd('/')}/{localImage}");
            switch (DeployEnvironment.ToLowerInvariant())
            {
                case "local":
                    var local = await LocalDeployer.DeployAsync(new LocalDeployRequest(localImage, ScoringImageName, ServicePort, TimeSpan.FromSeconds(90),
                        ArtifactsDirectory / "inference-log" / ScoringImageName), Log.Information, cancellationToken);
                    Log.Information($"Model {local.ModelVersion} is serving at {local.Url} (container {local.ContainerName}); try: curl -s {local.Url}model");
                    break;
                case "kubernetes":
                    var settings = new KubernetesDeploySettings(ScoringImageName, KubernetesNamespace, pushedImage, version, ServingDockerfile.DefaultPort, TimeSpan.FromMinutes(5));
                    if (DryRun)
                    {
                        Log.Information($"Dry run: wrote {KubernetesManifests.Render(settings).WriteTo(ArtifactsDirectory / "deploy")}.");
                        break;
                    }
                    var rollout = await KubernetesDeployer.DeployAsync(Kubeconfig ?? throw new ArgumentException("--environment kubernetes needs --kubeconfig <path> (or --dry-run)."),
                        settings, Log.Information, cancellationToken);
                    Log.Information($"Deployment {rollout.Namespace}/{rollout.Deployment} runs {rollout.Image} on {rollout.ReadyReplicas} replicas.");
                    break;
                default:
                    throw new ArgumentException($"--environment {DeployEnvironment} is not known; use local or kubernetes.");
            }
        });
}
