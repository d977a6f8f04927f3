namespace Pipeline.Delivery.Kubernetes;

/// <summary>What to deploy to a Kubernetes cluster and how.</summary>
/// <param name="Name">Name of the Deployment, Service, HPA and ConfigMap (e.g. <c>pipeline-ai4i2020</c>).</param>
/// <param name="Namespace">Target namespace.</param>
/// <param name="Image">The image reference the pods run (pushed to a registry the cluster can pull from).</param>
/// <param name="ModelVersion">The model version inside the image (annotation and label).</param>
/// <param name="ContainerPort">The port the service listens on inside the pod.</param>
/// <param name="RolloutTimeout">How long the rollout may take before it is rolled back.</param>
public sealed record KubernetesDeploySettings(
    string Name,
    string Namespace,
    string Image,
    string ModelVersion,
    int ContainerPort,
    TimeSpan RolloutTimeout)
{
    /// <summary>Replicas before autoscaling (and the HPA's minimum).</summary>
    public int MinReplicas { get; init; } = 2;

    /// <summary>The HPA's maximum replicas.</summary>
    public int MaxReplicas { get; init; } = 6;

    /// <summary>Average CPU utilisation the HPA aims for, in percent of the request.</summary>
    public int TargetCpuUtilization { get; init; } = 70;

    /// <summary>How often the rollout status is read while waiting.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);
}
