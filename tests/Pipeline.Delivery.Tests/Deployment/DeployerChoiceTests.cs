using Pipeline.Delivery.Deployment;
using Pipeline.Delivery.Docker;
using Pipeline.Modeling.Registry;

namespace Pipeline.Delivery.Tests.Deployment;

/// <summary>--environment and --dry-run choose the deployer; the image's names follow from the dataset and the served version.</summary>
public sealed class DeployerChoiceTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "pipeline-deployment-tests", Guid.NewGuid().ToString("N"));

    public DeployerChoiceTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    ModelRegistry RegistryWithVersions(int count)
    {
        var registry = new ModelRegistry(Path.Combine(folder, "registry"));
        for (var i = 0; i < count; i++)
        {
            var model = Path.Combine(folder, $"model-{i}.zip");
            File.WriteAllText(model, $"model {i}");
            registry.Register(new ModelRegistration(model, new ModelMetadata { Lineage = new() { Dataset = "ai4i2020", Trainer = "LightGbm" } }, new Dictionary<string, string>()));
        }
        return registry;
    }

    [Theory]
    [InlineData(DeployEnvironment.Local, false, typeof(LocalDockerDeployer))]
    [InlineData(DeployEnvironment.Local, true, typeof(LocalDockerDeployer))]
    [InlineData(DeployEnvironment.Kubernetes, false, typeof(KubernetesClusterDeployer))]
    [InlineData(DeployEnvironment.Kubernetes, true, typeof(KubernetesDryRunDeployer))]
    public void EnvironmentAndDryRun_ChooseTheDeployer(DeployEnvironment environment, bool dryRun, Type expected)
    {
        var deployer = DeployerChoice.For(environment, dryRun, 8080, Path.Combine(folder, "log"), kubeconfig: null, "default", Path.Combine(folder, "deploy"));

        Assert.IsType(expected, deployer);
    }

    [Fact]
    public async Task KubernetesWithoutKubeconfig_IsRefusedNamingTheOptions()
    {
        var deployer = DeployerChoice.For(DeployEnvironment.Kubernetes, false, 8080, folder, kubeconfig: null, "default", folder);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => deployer.DeployAsync(new DeployRequest("pipeline-ai4i2020", "pipeline-ai4i2020:1", "pipeline-ai4i2020:1", "1"), _ => { }, default));

        Assert.Equal("--environment kubernetes needs --kubeconfig <path> (or --dry-run).", error.Message);
    }

    [Fact]
    public async Task DryRun_WritesTheManifestsOfTheServedVersion()
    {
        var manifests = Path.Combine(folder, "deploy");
        var deployer = DeployerChoice.For(DeployEnvironment.Kubernetes, true, 8080, folder, kubeconfig: null, "models", manifests);

        var said = await deployer.DeployAsync(new DeployRequest("pipeline-ai4i2020", "pipeline-ai4i2020:2", "localhost:5000/pipeline-ai4i2020:2", "2"), _ => { }, default);

        var yaml = File.ReadAllText(Path.Combine(manifests, "kubernetes.yaml"));
        Assert.Equal($"Dry run: wrote {Path.Combine(manifests, "kubernetes.yaml")}.", said.Sentence);
        Assert.Equal($"dry run: service models/pipeline-ai4i2020, manifests in {Path.Combine(manifests, "kubernetes.yaml")}", said.Endpoint);
        Assert.Contains("image: localhost:5000/pipeline-ai4i2020:2", yaml);
        Assert.Contains("namespace: models", yaml);
    }

    [Fact]
    public void ImageName_IsPipelineDashDataset_UnlessGiven()
    {
        Assert.Equal("pipeline-ai4i2020", ScoringImage.Name("ai4i2020", null));
        Assert.Equal("scorer", ScoringImage.Name("ai4i2020", "scorer"));
    }

    [Fact]
    public void ServedVersion_IsProduction_ElseTheNewest_AndAnEmptyRegistryIsRefused()
    {
        var empty = new ModelRegistry(Path.Combine(folder, "empty"));
        var error = Assert.Throws<InvalidOperationException>(() => ScoringImage.ServedVersionDirectory(empty));
        Assert.Contains("has no versions; run the Register target first.", error.Message);

        var registry = RegistryWithVersions(2);
        Assert.Equal(registry.VersionDirectory(2), ScoringImage.ServedVersionDirectory(registry));
        registry.Promote(1, ModelStage.Production);
        Assert.Equal(registry.VersionDirectory(1), ScoringImage.ServedVersionDirectory(registry));
    }

    [Fact]
    public void WithoutABuiltImage_DeployNamesTheServedVersionsImage_PrefixedWithThePushRegistry()
    {
        var registry = RegistryWithVersions(1);

        Assert.Equal(new DeployRequest("pipeline-ai4i2020", "pipeline-ai4i2020:1", "pipeline-ai4i2020:1", "1"),
            ScoringImage.ToDeploy("pipeline-ai4i2020", built: null, registry, pushRegistry: null));
        Assert.Equal(new DeployRequest("pipeline-ai4i2020", "pipeline-ai4i2020:1", "localhost:5000/pipeline-ai4i2020:1", "1"),
            ScoringImage.ToDeploy("pipeline-ai4i2020", built: null, registry, pushRegistry: "localhost:5000/"));
    }

    [Fact]
    public void WithABuiltImage_DeployUsesItsTagsAndVersion()
    {
        var built = new BuiltImage("sha256:0123456789abcdef0123", ["pipeline-ai4i2020:7", "pipeline-ai4i2020:abc"], ["localhost:5000/pipeline-ai4i2020:7"],
            new ModelLineage("7", "ai4i2020", null, null, null), new Dictionary<string, string>());

        Assert.Equal(new DeployRequest("pipeline-ai4i2020", "pipeline-ai4i2020:7", "localhost:5000/pipeline-ai4i2020:7", "7"),
            ScoringImage.ToDeploy("pipeline-ai4i2020", built, RegistryWithVersions(0), pushRegistry: null));
    }
}
