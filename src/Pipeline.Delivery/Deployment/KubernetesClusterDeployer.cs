using Pipeline.Delivery.Docker;
using Pipeline.Delivery.Kubernetes;

namespace Pipeline.Delivery.Deployment;

/// <summary>Applies the manifests to the cluster of a kubeconfig and waits for the rollout.</summary>
/// <param name="Kubeconfig">Path of the kubeconfig; null is refused when deploying, naming the option.</param>
/// <param name="Namespace">The Kubernetes namespace.</param>
public sealed record KubernetesClusterDeployer(string? Kubeconfig, string Namespace) : IDeployer
{
    /// <summary>The settings of <paramref name="request"/> in <paramref name="namespace"/>.</summary>
    internal static KubernetesDeploySettings Settings(DeployRequest request, string @namespace) =>
        new(request.ServiceName, @namespace, request.PushedImage, request.ModelVersion, ServingDockerfile.DefaultPort, TimeSpan.FromMinutes(5));

    /// <inheritdoc/>
    public async Task<DeployOutcome> DeployAsync(DeployRequest request, Action<string> log, CancellationToken cancellationToken)
    {
        var rollout = await KubernetesDeployer.DeployAsync(Kubeconfig ?? throw new ArgumentException("--environment kubernetes needs --kubeconfig <path> (or --dry-run)."),
            Settings(request, Namespace), log, cancellationToken);
        return new DeployOutcome($"Deployment {rollout.Namespace}/{rollout.Deployment} runs {rollout.Image} on {rollout.ReadyReplicas} replicas.",
            $"service {rollout.Namespace}/{request.ServiceName}");
    }
}
