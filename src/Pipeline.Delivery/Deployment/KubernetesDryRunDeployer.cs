using Pipeline.Delivery.Kubernetes;

namespace Pipeline.Delivery.Deployment;

/// <summary>Writes the Kubernetes manifests to a folder instead of applying them (<c>--dry-run</c>).</summary>
/// <param name="Namespace">The Kubernetes namespace.</param>
/// <param name="ManifestDirectory">Where the manifests are written.</param>
public sealed record KubernetesDryRunDeployer(string Namespace, string ManifestDirectory) : IDeployer
{
    /// <inheritdoc/>
    public Task<DeployOutcome> DeployAsync(DeployRequest request, Action<string> log, CancellationToken cancellationToken)
    {
        var manifest = KubernetesManifests.Render(KubernetesClusterDeployer.Settings(request, Namespace)).WriteTo(ManifestDirectory);
        return Task.FromResult(new DeployOutcome($"Dry run: wrote {manifest}.", $"dry run: service {Namespace}/{request.ServiceName}, manifests in {manifest}"));
    }
}
