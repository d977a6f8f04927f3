using Pipeline.Delivery.Kubernetes;

namespace Pipeline.Delivery.Deployment;

/// <summary>Writes the Kubernetes manifests to a folder instead of applying them (<c>--dry-run</c>).</summary>
/// <param name="Namespace">The Kubernetes namespace.</param>
/// <param name="ManifestDirectory">Where the manifests are written.</param>
public sealed record KubernetesDryRunDeployer(string Namespace, string ManifestDirectory) : IDeployer
{
    /// <inheritdoc/>
    public Task<string> DeployAsync(DeployRequest request, Action<string> log, CancellationToken cancellationToken) =>
        Task.FromResult($"Dry run: wrote {KubernetesManifests.Render(KubernetesClusterDeployer.Settings(request, Namespace)).WriteTo(ManifestDirectory)}.");
}
