using k8s;
using Pipeline.Delivery.GitOps;
using Pipeline.Delivery.Kubernetes;

namespace Pipeline.Delivery.Deployment;

/// <summary>
/// GitOps instead of an API server: writes the Kubernetes manifests as a kustomize base (one file per object and a
/// <c>kustomization.yaml</c>) into <c>&lt;folder&gt;/&lt;service&gt;</c> inside a Git work tree and commits them with the model
/// version and image in the message, so Argo CD or Flux applies what is committed. Nothing changed (the same version
/// and image) makes no commit. With <paramref name="Push"/> the commit is pushed to the branch's upstream.
/// </summary>
/// <param name="Namespace">The Kubernetes namespace of the objects.</param>
/// <param name="Folder">A folder inside a Git work tree (created if missing).</param>
/// <param name="Push">Push the commit to the current branch's upstream.</param>
public sealed record GitOpsDeployer(string Namespace, string Folder, bool Push = false) : IDeployer
{
    /// <summary>The file names of the base, in apply order, and the kustomization that lists them.</summary>
    public static readonly IReadOnlyList<string> ObjectFiles = ["configmap.yaml", "deployment.yaml", "service.yaml", "hpa.yaml"];

    /// <inheritdoc/>
    public Task<DeployOutcome> DeployAsync(DeployRequest request, Action<string> log, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(Folder);
        Directory.CreateDirectory(folder);
        var git = GitWorkTree.Containing(folder);
        var manifests = KubernetesManifests.Render(KubernetesClusterDeployer.Settings(request, Namespace));
        var target = Path.Combine(folder, request.ServiceName);
        Directory.CreateDirectory(target);
        var objects = manifests.Objects();
        for (var i = 0; i < ObjectFiles.Count; i++) File.WriteAllText(Path.Combine(target, ObjectFiles[i]), KubernetesYaml.Serialize(objects[i]).TrimEnd() + "\n");
        File.WriteAllText(Path.Combine(target, "kustomization.yaml"),
            "# Written by ./build.sh Deploy --gitops; Argo CD or Flux applies what is committed here.\n" +
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n" +
            $"namespace: {Namespace}\nresources:\n" + string.Concat(ObjectFiles.Select(f => $"  - {f}\n")));

        var message = $"Deploy {request.ServiceName}: model version {request.ModelVersion}, image {request.PushedImage}";
        var commit = git.CommitFolder(target, message);
        if (commit is null)
        {
            log($"{git.Relative(target)} already holds model version {request.ModelVersion} ({request.PushedImage}); nothing to commit.");
            return Task.FromResult(new DeployOutcome($"GitOps: {git.Relative(target)} already deploys model version {request.ModelVersion}; no commit.", $"gitops {git.Relative(target)} @ {git.Head()}"));
        }
        log($"Committed {commit[..12]} to {git.Root}: {message}.");
        if (Push)
        {
            git.Push();
            log($"Pushed {commit[..12]} to the upstream of {git.Branch()}.");
        }
        return Task.FromResult(new DeployOutcome(
            $"GitOps: committed {commit[..12]} ({message}) to {git.Root}{(Push ? ", pushed" : "; push it (or pass --gitops-push) for Argo CD or Flux to apply it")}.",
            $"gitops {git.Relative(target)} @ {commit}"));
    }
}
