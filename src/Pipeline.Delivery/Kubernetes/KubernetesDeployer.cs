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
    /// <remarks>
    /// Cancelling while the rollout is under way puts the previous image back (without waiting for it) before the
    /// <see cref="OperationCanceledException"/> propagates, so a cancelled deploy does not leave a half-done rollout.
    /// </remarks>
    public static async Task<KubernetesRollout> DeployAsync(string kubeconfigPath, KubernetesDeploySettings settings, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        using var client = Connect(kubeconfigPath);
        var server = WithoutCredentials(client.BaseUri);
        // Everything this deploy prints or throws passes through the mask: servers and proxies may echo credentials.
        var secrets = KubeconfigCredentials.Read(kubeconfigPath);
        if (log is not null)
        {
            var unmasked = log;
            log = message => unmasked(KubeconfigCredentials.MaskIn(message, secrets));
        }
        try
        {
            var previous = await ReadDeploymentAsync(client, settings, cancellationToken);
            var manifests = KubernetesManifests.Render(settings);
            log?.Invoke($"Applying ConfigMap, Service, HorizontalPodAutoscaler and Deployment {settings.Namespace}/{settings.Name} (image {settings.Image}).");
            await ApplyAsync(client, manifests, cancellationToken);

            string? failure;
            try
            {
                failure = await WaitForRolloutAsync(client, settings, log, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await PutBackAfterCancellationAsync(client, settings, previous, log);
                throw;
            }
            if (failure is null)
            {
                var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(settings.Name, settings.Namespace, cancellationToken: cancellationToken);
                return new KubernetesRollout(settings.Name, settings.Namespace, settings.Image, deployment.Status?.AvailableReplicas ?? 0);
            }
            throw new KubernetesDeploymentException(KubeconfigCredentials.MaskIn(await RollBackAsync(client, settings, previous, failure, log, cancellationToken), secrets));
        }
        catch (HttpOperationException e)
        {
            // Masked before shortening (a cut could split a secret), and without the inner exception, whose response
            // body a verbose build would print unmasked.
            var body = KubeconfigCredentials.MaskIn(e.Response.Content ?? "", secrets);
            throw new KubernetesDeploymentException(
                $"The Kubernetes API server at {server} refused a request: {(int)e.Response.StatusCode} {KubeconfigCredentials.MaskIn(e.Response.ReasonPhrase ?? "", secrets)} {Shorten(body)}");
        }
        catch (HttpRequestException e)
        {
            throw new KubernetesDeploymentException($"The Kubernetes API server at {server} cannot be reached ({KubeconfigCredentials.MaskIn(e.Message, secrets)}); check the kubeconfig's cluster address.", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // The client's own HTTP timeout, not the caller's cancellation.
            throw new KubernetesDeploymentException($"The Kubernetes API server at {server} did not answer in time ({e.Message}); check the cluster's health and the kubeconfig's cluster address.", e);
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

    /// <summary>
    /// Server-side apply of every object: the ConfigMap the pods read, the Service and the HPA, and the Deployment
    /// last, so that when the server refuses any of the others (no autoscaling/v2, RBAC) no pod has changed yet —
    /// a refused HPA must not leave a new image rolling out with nobody watching it.
    /// </summary>
    public static async Task ApplyAsync(IKubernetes client, KubernetesManifests manifests, CancellationToken cancellationToken)
    {
        var ns = manifests.Deployment.Metadata.NamespaceProperty;
        const string manager = KubernetesManifests.FieldManager;
        await client.CoreV1.PatchNamespacedConfigMapAsync(Apply(manifests.ConfigMap), manifests.ConfigMap.Metadata.Name, ns, fieldManager: manager, force: true, cancellationToken: cancellationToken);
        await client.CoreV1.PatchNamespacedServiceAsync(Apply(manifests.Service), manifests.Service.Metadata.Name, ns, fieldManager: manager, force: true, cancellationToken: cancellationToken);
        await client.AutoscalingV2.PatchNamespacedHorizontalPodAutoscalerAsync(Apply(manifests.Autoscaler), manifests.Autoscaler.Metadata.Name, ns, fieldManager: manager, force: true, cancellationToken: cancellationToken);
        await ApplyDeploymentAsync(client, manifests.Deployment, cancellationToken);
    }

    private static Task ApplyDeploymentAsync(IKubernetes client, V1Deployment deployment, CancellationToken cancellationToken) =>
        client.AppsV1.PatchNamespacedDeploymentAsync(Apply(deployment), deployment.Metadata.Name, deployment.Metadata.NamespaceProperty,
            fieldManager: KubernetesManifests.FieldManager, force: true, cancellationToken: cancellationToken);

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

    /// <summary>
    /// Waits until the Deployment's new pods are all available, like <c>kubectl rollout status</c>; returns null on
    /// success or the reason it failed. Status (conditions included) is only trusted once the controller has observed
    /// the applied generation: until then it describes the previous spec — after a rollback, the very failure being
    /// rolled back. The whole wait, API calls included, is bounded by the rollout timeout.
    /// </summary>
    private static async Task<string?> WaitForRolloutAsync(IKubernetes client, KubernetesDeploySettings settings, Action<string>? log, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.RolloutTimeout);
        var state = "the controller has not observed the new spec yet";
        string? lastState = null;
        try
        {
            while (true)
            {
                var deployment = await client.AppsV1.ReadNamespacedDeploymentAsync(settings.Name, settings.Namespace, cancellationToken: deadline.Token);
                var status = deployment.Status;
                if (status?.ObservedGeneration >= deployment.Metadata.Generation)
                {
                    var progressing = status.Conditions?.FirstOrDefault(c => c.Type == "Progressing");
                    if (progressing is { Reason: "ProgressDeadlineExceeded" })
                    {
                        return $"the rollout exceeded its progress deadline ({progressing.Message})";
                    }
                    var wanted = deployment.Spec?.Replicas ?? 1;
                    var updated = status.UpdatedReplicas ?? 0;
                    var available = status.AvailableReplicas ?? 0;
                    var total = status.Replicas ?? 0;
                    if (updated >= wanted && total == updated && available >= updated)
                    {
                        log?.Invoke($"Rollout of {settings.Namespace}/{settings.Name} complete: {available} of {wanted} replicas available.");
                        return null;
                    }
                    state = $"{updated} of {wanted} replicas updated, {available} available";
                }
                if (state != lastState)
                {
                    log?.Invoke($"Waiting for the rollout: {state}.");
                    lastState = state;
                }
                await Task.Delay(settings.PollInterval, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return $"the rollout did not finish within {settings.RolloutTimeout.TotalSeconds:0} s ({state})";
        }
    }

    /// <summary>After a cancelled wait: re-applies the previous image (or removes a first Deployment) without waiting, within a short bound.</summary>
    private static async Task PutBackAfterCancellationAsync(IKubernetes client, KubernetesDeploySettings settings, V1Deployment? previous, Action<string>? log)
    {
        // The caller's token is cancelled; the put-back gets its own short budget so cancelling stays prompt.
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            if (PreviousRelease(previous) is { } release)
            {
                log?.Invoke($"Cancelled: putting {settings.Namespace}/{settings.Name} back to {release.Image} (not waiting for it).");
                await ApplyDeploymentAsync(client, KubernetesManifests.Render(settings with { Image = release.Image, ModelVersion = release.ModelVersion }).Deployment, budget.Token);
            }
            else
            {
                log?.Invoke($"Cancelled: removing the new Deployment {settings.Namespace}/{settings.Name} (there was no previous one).");
                await client.AppsV1.DeleteNamespacedDeploymentAsync(settings.Name, settings.Namespace, cancellationToken: budget.Token);
            }
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or OperationCanceledException)
        {
            log?.Invoke($"Cancelled, and {settings.Namespace}/{settings.Name} could not be put back ({e.GetType().Name}); inspect the cluster.");
        }
    }

    /// <summary>The image and model version the Deployment ran before this deploy, or null when there was none.</summary>
    private static (string Image, string ModelVersion)? PreviousRelease(V1Deployment? previous)
    {
        var image = previous?.Spec?.Template?.Spec?.Containers?.FirstOrDefault()?.Image;
        if (image is null)
        {
            return null;
        }
        var version = previous!.Spec.Template.Metadata?.Annotations?.TryGetValue(KubernetesManifests.ModelVersionAnnotation, out var v) == true ? v : "previous";
        return (image, version);
    }

    /// <summary>Puts back the previous image (or removes the new Deployment when there was none); returns the sentence to report.</summary>
    private static async Task<string> RollBackAsync(IKubernetes client, KubernetesDeploySettings settings, V1Deployment? previous, string failure, Action<string>? log, CancellationToken cancellationToken)
    {
        var failed = $"Deploying {settings.Image} to {settings.Namespace}/{settings.Name} failed: {failure}";
        if (PreviousRelease(previous) is not { } release)
        {
            await client.AppsV1.DeleteNamespacedDeploymentAsync(settings.Name, settings.Namespace, cancellationToken: cancellationToken);
            return $"{failed}. There was no previous version, so the new Deployment was removed.";
        }
        var (previousImage, previousVersion) = release;
        log?.Invoke($"Rolling back {settings.Namespace}/{settings.Name} to {previousImage}.");
        var restored = KubernetesManifests.Render(settings with { Image = previousImage, ModelVersion = previousVersion });
        await ApplyDeploymentAsync(client, restored.Deployment, cancellationToken);
        var restoredFailure = await WaitForRolloutAsync(client, settings with { Image = previousImage }, log, cancellationToken);
        return restoredFailure is null
            ? $"{failed}. Rolled back: {previousImage} (model {previousVersion}) is serving again."
            : $"{failed}. Rolling back to {previousImage} did not finish either ({restoredFailure}); inspect the cluster.";
    }

    /// <summary>The server address as printed: a kubeconfig may carry credentials in it (https://user:password@host).</summary>
    private static Uri WithoutCredentials(Uri server) =>
        string.IsNullOrEmpty(server.UserInfo) ? server : new UriBuilder(server) { UserName = "", Password = "" }.Uri;

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 400 ? text : text[..400] + "…";
}
