using k8s;
using k8s.Autorest;
using k8s.Exceptions;
using k8s.Models;

namespace Pipeline.Delivery.Kubernetes;

/// <summary>
/// Deploys the scoring service to a cluster named by a kubeconfig: server-side apply of the ConfigMap,
/// Deployment, Service and HPA (field manager <see cref="KubernetesManifests.FieldManager"/>), waits for the
/// rollout like <c>kubectl rollout status</c>, and on failure re-applies the previous image (or removes the
/// Deployment when there was none). The kubeconfig's credentials are never logged or written anywhere.
/// </summary>
public static class KubernetesDeployer
{
    /// <summary>Applies the manifests for <paramref name="settings"/> and waits for the rollout.</summary>
    public static async Task<KubernetesRollout> DeployAsync(string kubeconfigPath, KubernetesDeploySettings settings, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        using var client = Connect(kubeconfigPath);
        var server = client.BaseUri;
        try
        {
            var previous = await ReadDeploymentAsync(client, settings, cancellationToken);
            var manifests = KubernetesManifests.Render(settings);
            log?.Invoke($"Applying ConfigMap, Deployment, Service and HorizontalPodAutoscaler {settings.Namespace}/{settings.Name} (image {settings.Image}).");
            await ApplyAsync(client, manifests, cancellationToken);

            var failure = await WaitForRolloutAsync(client, settings, log, cancellationToken);
            if (failure is null)
            {
                var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(settings.Name, settings.Namespace, cancellationToken: cancellationToken);
                return new KubernetesRollout(settings.Name, settings.Namespace, settings.Image, deployment.Status?.AvailableReplicas ?? 0);
            }
            throw new KubernetesDeploymentException(await RollBackAsync(client, settings, previous, failure, log, cancellationToken));
        }
        catch (HttpOperationException e)
        {
            throw new KubernetesDeploymentException(
                $"The Kubernetes API server at {server} refused a request: {(int)e.Response.StatusCode} {e.Response.ReasonPhrase} {Shorten(e.Response.Content)}", e);
        }
        catch (HttpRequestException e)
        {
            throw new KubernetesDeploymentException($"The Kubernetes API server at {server} cannot be reached ({e.Message}); check the kubeconfig's cluster address.", e);
        }
    }

    /// <summary>Opens a client for <paramref name="kubeconfigPath"/>; errors name the file but never show its content.</summary>
    public static k8s.Kubernetes Connect(string kubeconfigPath)
    {
        if (!File.Exists(kubeconfigPath))
        {
            throw new KubernetesDeploymentException($"The kubeconfig {kubeconfigPath} does not exist; pass --kubeconfig with the path of a kubeconfig file.");
        }
        try
        {
            return new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath));
        }
        catch (Exception e) when (e is KubeConfigException or YamlDotNet.Core.YamlException or ArgumentException or FormatException)
        {
            throw new KubernetesDeploymentException($"The kubeconfig {kubeconfigPath} cannot be used: {e.GetType().Name} while reading it (content not shown: it holds credentials).", e);
        }
    }

    /// <summary>Server-side apply of every object, in dependency order (settings before the pods that read them).</summary>
    public static async Task ApplyAsync(IKubernetes client, KubernetesManifests manifests, CancellationToken cancellationToken)
    {
        var ns = manifests.Deployment.Metadata.NamespaceProperty;
        const string manager = KubernetesManifests.FieldManager;
        await client.CoreV1.PatchNamespacedConfigMapAsync(Apply(manifests.ConfigMap), manifests.ConfigMap.Metadata.Name, ns, fieldManager: manager, force: true, cancellationToken: cancellationToken);
        await client.AppsV1.PatchNamespacedDeploymentAsync(Apply(manifests.Deployment), manifests.Deployment.Metadata.Name, ns, fieldManager: manager, force: true, cancellationToken: cancellationToken);
        await client.CoreV1.PatchNamespacedServiceAsync(Apply(manifests.Service), manifests.Service.Metadata.Name, ns, fieldManager: manager, force: true, cancellationToken: cancellationToken);
        await client.AutoscalingV2.PatchNamespacedHorizontalPodAutoscalerAsync(Apply(manifests.Autoscaler), manifests.Autoscaler.Metadata.Name, ns, fieldManager: manager, force: true, cancellationToken: cancellationToken);
    }

    // JSON is YAML, so the apply-patch+yaml body can be the object's JSON.
    private static V1Patch Apply(object manifest) => new(KubernetesJson.Serialize(manifest), V1Patch.PatchType.ApplyPatch);

    private static async Task<V1Deployment?> ReadDeploymentAsync(IKubernetes client, KubernetesDeploySettings settings, CancellationToken cancellationToken)
    {
        try
        {
            return await client.AppsV1.ReadNamespacedDeploymentAsync(settings.Name, settings.Namespace, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Waits until the Deployment's new pods are all available; returns null on success or the reason it failed.</summary>
    private static async Task<string?> WaitForRolloutAsync(IKubernetes client, KubernetesDeploySettings settings, Action<string>? log, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + settings.RolloutTimeout;
        string? lastState = null;
        while (true)
        {
            var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(settings.Name, settings.Namespace, cancellationToken: cancellationToken);
            var status = deployment.Status;
            var wanted = deployment.Spec?.Replicas ?? 1;
            var progressing = status?.Conditions?.FirstOrDefault(c => c.Type == "Progressing");
            if (progressing is { Reason: "ProgressDeadlineExceeded" })
            {
                return $"the rollout exceeded its progress deadline ({progressing.Message})";
            }
            var observed = status?.ObservedGeneration >= deployment.Metadata.Generation;
            var updated = status?.UpdatedReplicas ?? 0;
            var available = status?.AvailableReplicas ?? 0;
            var total = status?.Replicas ?? 0;
            if (observed && updated >= wanted && total == updated && available >= updated)
            {
                log?.Invoke($"Rollout of {settings.Namespace}/{settings.Name} complete: {available} of {wanted} replicas available.");
                return null;
            }
            var state = $"{updated} of {wanted} replicas updated, {available} available";
            if (state != lastState)
            {
                log?.Invoke($"Waiting for the rollout: {state}.");
                lastState = state;
            }
            if (DateTime.UtcNow > deadline)
            {
                return $"the rollout did not finish within {settings.RolloutTimeout.TotalSeconds:0} s ({state})";
            }
            await Task.Delay(settings.PollInterval, cancellationToken);
        }
    }

    /// <summary>Puts back the previous image (or removes the new Deployment when there was none); returns the sentence to report.</summary>
    private static async Task<string> RollBackAsync(IKubernetes client, KubernetesDeploySettings settings, V1Deployment? previous, string failure, Action<string>? log, CancellationToken cancellationToken)
    {
        var failed = $"Deploying {settings.Image} to {settings.Namespace}/{settings.Name} failed: {failure}";
        var previousImage = previous?.Spec?.Template?.Spec?.Containers?.FirstOrDefault()?.Image;
        if (previousImage is null)
        {
            await client.AppsV1.DeleteNamespacedDeploymentAsync(settings.Name, settings.Namespace, cancellationToken: cancellationToken);
            return $"{failed}. There was no previous version, so the new Deployment was removed.";
        }
        log?.Invoke($"Rolling back {settings.Namespace}/{settings.Name} to {previousImage}.");
        var previousVersion = previous!.Spec.Template.Metadata?.Annotations?.TryGetValue("pipeline/model-version", out var v) == true ? v : "previous";
        var restored = KubernetesManifests.Render(settings with { Image = previousImage, ModelVersion = previousVersion });
        await client.AppsV1.PatchNamespacedDeploymentAsync(Apply(restored.Deployment), settings.Name, settings.Namespace,
            fieldManager: KubernetesManifests.FieldManager, force: true, cancellationToken: cancellationToken);
        var restoredFailure = await WaitForRolloutAsync(client, settings with { Image = previousImage }, log, cancellationToken);
        return restoredFailure is null
            ? $"{failed}. Rolled back: {previousImage} (model {previousVersion}) is serving again."
            : $"{failed}. Rolling back to {previousImage} did not finish either ({restoredFailure}); inspect the cluster.";
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 400 ? text : text[..400] + "…";
}
