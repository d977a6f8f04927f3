using k8s;
using k8s.Models;
using Pipeline.Delivery.Kubernetes;

namespace Pipeline.Delivery.Tests.Kubernetes;

/// <summary>
/// The rendered manifests (read back from the YAML the dry run writes) agree with each other and with the settings:
/// what selects the pods matches their labels, every port is the configured one, the autoscaler scales this
/// Deployment within sane bounds, and the pods have the resources the autoscaler's CPU target needs.
/// </summary>
public sealed class KubernetesManifestConsistencyTests
{
    private static readonly KubernetesDeploySettings Settings =
        new("pipeline-ai4i2020", "scoring", "registry.local/pipeline-ai4i2020:7", "7", 9090, TimeSpan.FromMinutes(3)) { MinReplicas = 3, MaxReplicas = 7 };

    private static (V1ConfigMap ConfigMap, V1Deployment Deployment, V1Service Service, V2HorizontalPodAutoscaler Autoscaler) RenderedYaml()
    {
        var objects = KubernetesYaml.LoadAllFromString(KubernetesManifests.Render(Settings).ToYaml());
        return (objects.OfType<V1ConfigMap>().Single(), objects.OfType<V1Deployment>().Single(), objects.OfType<V1Service>().Single(), objects.OfType<V2HorizontalPodAutoscaler>().Single());
    }

    [Fact]
    public void ServiceAndDeploymentSelectors_MatchThePodLabels()
    {
        var (_, deployment, service, _) = RenderedYaml();
        var podLabels = deployment.Spec.Template.Metadata.Labels;

        Assert.NotEmpty(service.Spec.Selector);
        Assert.All(service.Spec.Selector, pair => Assert.Equal(pair.Value, podLabels[pair.Key]));
        Assert.All(deployment.Spec.Selector.MatchLabels, pair => Assert.Equal(pair.Value, podLabels[pair.Key]));
    }

    [Fact]
    public void EveryPort_IsTheConfiguredContainerPort()
    {
        var (configMap, deployment, service, _) = RenderedYaml();
        var container = Assert.Single(deployment.Spec.Template.Spec.Containers);

        Assert.Equal(Settings.ContainerPort, Assert.Single(container.Ports).ContainerPort);
        Assert.Equal(Settings.ContainerPort.ToString(), Assert.Single(service.Spec.Ports).TargetPort.Value);
        Assert.Equal(Settings.ContainerPort.ToString(), configMap.Data["Serving__Port"]);
        Assert.Equal(Settings.ContainerPort.ToString(), container.ReadinessProbe.HttpGet.Port.Value);
        Assert.Equal(Settings.ContainerPort.ToString(), container.LivenessProbe.HttpGet.Port.Value);
        Assert.Equal("/ready", container.ReadinessProbe.HttpGet.Path);
        Assert.Equal("/health", container.LivenessProbe.HttpGet.Path);
        Assert.Equal(configMap.Metadata.Name, Assert.Single(container.EnvFrom).ConfigMapRef.Name);
    }

    [Fact]
    public void Autoscaler_ScalesThisDeployment_BetweenTheConfiguredBounds()
    {
        var (_, deployment, _, autoscaler) = RenderedYaml();

        Assert.Equal("Deployment", autoscaler.Spec.ScaleTargetRef.Kind);
        Assert.Equal(deployment.ApiVersion, autoscaler.Spec.ScaleTargetRef.ApiVersion);
        Assert.Equal(deployment.Metadata.Name, autoscaler.Spec.ScaleTargetRef.Name);
        Assert.Equal(deployment.Metadata.NamespaceProperty, autoscaler.Metadata.NamespaceProperty);
        Assert.Equal(Settings.MinReplicas, autoscaler.Spec.MinReplicas);
        Assert.Equal(Settings.MaxReplicas, autoscaler.Spec.MaxReplicas);
        Assert.InRange(autoscaler.Spec.MinReplicas!.Value, 1, autoscaler.Spec.MaxReplicas);
        Assert.Equal(autoscaler.Spec.MinReplicas, deployment.Spec.Replicas);
    }

    [Fact]
    public void Pods_RequestTheCpuTheAutoscalerMeasuresAgainst_AndAMemoryLimitAboveTheRequest()
    {
        var (_, deployment, _, autoscaler) = RenderedYaml();
        var resources = Assert.Single(deployment.Spec.Template.Spec.Containers).Resources;
        var metric = Assert.Single(autoscaler.Spec.Metrics);

        Assert.Equal("cpu", metric.Resource.Name);
        Assert.InRange(metric.Resource.Target.AverageUtilization!.Value, 1, 100);
        Assert.True(resources.Requests.ContainsKey("cpu"), "CPU utilisation is a percentage of the CPU request: the pods must request CPU");
        Assert.True(resources.Requests["memory"].ToDecimal() <= resources.Limits["memory"].ToDecimal(), "the memory request exceeds the limit");
    }
}
