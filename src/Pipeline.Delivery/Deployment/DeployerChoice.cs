using Pipeline.Delivery.Local;

namespace Pipeline.Delivery.Deployment;

/// <summary>The deployer for the command line's <c>--environment</c> and <c>--dry-run</c>.</summary>
public static class DeployerChoice
{
    /// <summary>Local Docker, a Kubernetes cluster, or (Kubernetes with <paramref name="dryRun"/>) manifests on disk.</summary>
    /// <param name="environment">Where to deploy.</param>
    /// <param name="dryRun">With Kubernetes: write the manifests to <paramref name="manifestDirectory"/> instead of applying them.</param>
    /// <param name="servicePort">Local: the service port.</param>
    /// <param name="inferenceLogDirectory">Local: where the container's inference log is mounted.</param>
    /// <param name="kubeconfig">Kubernetes: the kubeconfig path.</param>
    /// <param name="kubernetesNamespace">Kubernetes: the namespace.</param>
    /// <param name="manifestDirectory">Kubernetes dry run: where the manifests go.</param>
    /// <param name="challengers">Local: canaries and shadows beside the image's version (Kubernetes refuses them for now).</param>
    /// <param name="slo">Local: the latency gate's budget before the new container takes traffic; null for no gate.</param>
    /// <param name="gitOpsFolder">Kubernetes: commit the manifests to this folder of a Git work tree (GitOps) instead of applying them.</param>
    /// <param name="gitOpsPush">With <paramref name="gitOpsFolder"/>: push the commit to the branch's upstream.</param>
    public static IDeployer For(DeployEnvironment environment, bool dryRun, int servicePort, string inferenceLogDirectory,
        string? kubeconfig, string kubernetesNamespace, string manifestDirectory,
        IReadOnlyList<ChallengerDeployment>? challengers = null, SloBudget? slo = null, string? gitOpsFolder = null, bool gitOpsPush = false) => environment switch
    {
        DeployEnvironment.Local when gitOpsFolder is not null => throw new ArgumentException(
            "--gitops writes Kubernetes manifests for Argo CD or Flux; use it with --environment kubernetes."),
        DeployEnvironment.Kubernetes when challengers is { Count: > 0 } => throw new ArgumentException(
            "--canary-version and --shadow-version are served by --environment local only; deploy the champion alone to Kubernetes."),
        DeployEnvironment.Local => new LocalDockerDeployer(servicePort, inferenceLogDirectory, challengers, slo?.Validated()),
        DeployEnvironment.Kubernetes when gitOpsFolder is not null => new GitOpsDeployer(kubernetesNamespace, gitOpsFolder, gitOpsPush),
        DeployEnvironment.Kubernetes when dryRun => new KubernetesDryRunDeployer(kubernetesNamespace, manifestDirectory),
        DeployEnvironment.Kubernetes => new KubernetesClusterDeployer(kubeconfig, kubernetesNamespace),
        _ => throw new ArgumentOutOfRangeException(nameof(environment), environment, "--environment must be local or kubernetes."),
    };
}
