using k8s;
using k8s.Models;
using Pipeline.Delivery.Kubernetes;

namespace Pipeline.Delivery.Tests.Kubernetes;

/// <summary>
/// Kubernetes deployment through KubernetesClient against an in-process STAND-IN of the API server
/// (no cluster can run here); the stand-in records requests and plays the rollout controller.
/// </summary>
public sealed class KubernetesDeployerTests : IDisposable
{
    private const string Token = "stand-in-secret-token-5f1c";
    private readonly string _directory = Directory.CreateTempSubdirectory("k8s-deploy-").FullName;

    private static KubernetesDeploySettings Settings(string image, string version) =>
        new("pipeline-ai4i2020", "scoring", image, version, 8080, TimeSpan.FromSeconds(5)) { PollInterval = TimeSpan.FromMilliseconds(50) };

    [Fact]
    public async Task Kubernetes_ApplyAgainstInProcessApiServerStandIn_ServerSideAppliesAllFourObjectsAndWaitsForTheRollout()
    {
        await using var server = await KubernetesApiServerStandIn.StartAsync();
        var kubeconfig = server.WriteKubeconfig(_directory, Token);

        var rollout = await KubernetesDeployer.DeployAsync(kubeconfig, Settings("registry.local/pipeline-ai4i2020:1", "1"));

        Assert.Equal(2, rollout.ReadyReplicas);
        var patches = server.Requests.Where(r => r.Method == "PATCH").ToList();
        Assert.Equal(
            [
                "/api/v1/namespaces/scoring/configmaps/pipeline-ai4i2020",
                "/api/v1/namespaces/scoring/services/pipeline-ai4i2020",
                "/apis/autoscaling/v2/namespaces/scoring/horizontalpodautoscalers/pipeline-ai4i2020",
                "/apis/apps/v1/namespaces/scoring/deployments/pipeline-ai4i2020",
            ],
            patches.Select(p => p.Path));
        Assert.All(patches, p =>
        {
            Assert.StartsWith("application/apply-patch+yaml", p.ContentType);
            Assert.Contains("fieldManager=pipeline-deploy", p.Query);
            Assert.Contains("force=true", p.Query);
            Assert.Equal($"Bearer {Token}", p.Authorization);
        });
        var container = server.Stored("/apis/apps/v1/namespaces/scoring/deployments/pipeline-ai4i2020")!["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("registry.local/pipeline-ai4i2020:1", container["image"]!.GetValue<string>());
        Assert.Equal("/ready", container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("/health", container["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>());
        Assert.Equal("pipeline-ai4i2020", container["envFrom"]![0]!["configMapRef"]!["name"]!.GetValue<string>());
    }

    // The stand-in's controller lags like the real one: right after the rollback is applied it still reports the
    // failed generation's ProgressDeadlineExceeded, which must not be read as the rollback failing too.
    [Fact]
    public async Task Kubernetes_FailedRolloutAgainstInProcessApiServerStandIn_RollsBackToThePreviousImage()
    {
        await using var server = await KubernetesApiServerStandIn.StartAsync();
        var kubeconfig = await DeployVersionOneAsync(server);
        var log = new List<string>();

        var error = await Assert.ThrowsAsync<KubernetesDeploymentException>(() =>
            KubernetesDeployer.DeployAsync(kubeconfig, Settings("pipeline-ai4i2020:2-broken", "2"), log.Add));

        Assert.Contains("exceeded its progress deadline", error.Message);
        Assert.Contains("Rolled back: pipeline-ai4i2020:1 (model 1) is serving again", error.Message);
        Assert.Equal("pipeline-ai4i2020:1", DeployedImage(server));
        Assert.DoesNotContain(Token, error.Message + string.Join("\n", log));
    }

    [Fact]
    public async Task Kubernetes_FailedFirstRolloutAgainstInProcessApiServerStandIn_RemovesTheNewDeployment()
    {
        await using var server = await KubernetesApiServerStandIn.StartAsync();
        var kubeconfig = server.WriteKubeconfig(_directory, Token);

        var error = await Assert.ThrowsAsync<KubernetesDeploymentException>(() =>
            KubernetesDeployer.DeployAsync(kubeconfig, Settings("pipeline-ai4i2020:1-broken", "1")));

        Assert.Contains("no previous version", error.Message);
        Assert.Contains(server.Requests, r => r.Method == "DELETE" && r.Path.EndsWith("/deployments/pipeline-ai4i2020"));
        Assert.Null(server.Stored("/apis/apps/v1/namespaces/scoring/deployments/pipeline-ai4i2020"));
    }

    [Fact]
    public async Task Kubernetes_UnreachableApiServer_IsASentenceWithoutTheKubeconfigSecret()
    {
        string kubeconfig;
        await using (var server = await KubernetesApiServerStandIn.StartAsync())
        {
            kubeconfig = server.WriteKubeconfig(_directory, Token);
        }

        var error = await Assert.ThrowsAsync<KubernetesDeploymentException>(() =>
            KubernetesDeployer.DeployAsync(kubeconfig, Settings("pipeline-ai4i2020:1", "1")));

        Assert.Contains("cannot be reached", error.Message);
        Assert.DoesNotContain(Token, error.Message);
    }

    [Fact]
    public async Task Kubernetes_RefusedAutoscalerAgainstInProcessApiServerStandIn_LeavesTheRunningDeploymentUntouched()
    {
        await using var server = await KubernetesApiServerStandIn.StartAsync();
        var kubeconfig = await DeployVersionOneAsync(server);
        server.RefusedPathFragments.Add("/horizontalpodautoscalers/");
        var patchesBefore = server.Requests.Count(r => r.Method == "PATCH" && r.Path.Contains("/deployments/"));

        var error = await Assert.ThrowsAsync<KubernetesDeploymentException>(() =>
            KubernetesDeployer.DeployAsync(kubeconfig, Settings("pipeline-ai4i2020:2", "2")));

        Assert.Contains("refused a request: 403", error.Message);
        Assert.Equal(patchesBefore, server.Requests.Count(r => r.Method == "PATCH" && r.Path.Contains("/deployments/")));
        Assert.Equal("pipeline-ai4i2020:1", DeployedImage(server));
    }

    [Fact]
    public async Task Kubernetes_RefusalEchoingTheAuthorizationHeaderAgainstInProcessApiServerStandIn_IsPrintedWithTheTokenMasked()
    {
        await using var server = await KubernetesApiServerStandIn.StartAsync();
        var kubeconfig = await DeployVersionOneAsync(server);
        server.RefusedPathFragments.Add("/horizontalpodautoscalers/");
        server.EchoAuthorizationInRefusals = true;
        var log = new List<string>();

        var error = await Assert.ThrowsAsync<KubernetesDeploymentException>(() =>
            KubernetesDeployer.DeployAsync(kubeconfig, Settings("pipeline-ai4i2020:2", "2"), log.Add));

        var printed = error.ToString() + string.Join("\n", log);
        Assert.Contains("refused a request: 403", error.Message);
        Assert.Contains("Authorization: Bearer ***", error.Message);
        Assert.DoesNotContain(Token, printed);
    }

    [Fact]
    public void KubeconfigCredentials_AreTheTokenAndTheServerAddresssPassword()
    {
        var kubeconfig = Path.Combine(_directory, "kubeconfig");
        File.WriteAllText(kubeconfig, $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: c
              cluster:
                server: https://admin:p%40ssw0rd-9f@127.0.0.1:6443
            users:
            - name: u
              user:
                token: {{Token}}
            contexts:
            - name: ctx
              context:
                cluster: c
                user: u
            current-context: ctx
            """);

        var secrets = KubeconfigCredentials.Read(kubeconfig);

        Assert.Contains(Token, secrets);
        Assert.Contains("p@ssw0rd-9f", secrets);
        Assert.Equal("Bearer *** and ***", KubeconfigCredentials.MaskIn($"Bearer {Token} and p@ssw0rd-9f", secrets));
    }

    [Fact]
    public async Task Kubernetes_RolloutTimeoutAgainstInProcessApiServerStandIn_IsHonouredAndRolledBack()
    {
        await using var server = await KubernetesApiServerStandIn.StartAsync();
        var kubeconfig = await DeployVersionOneAsync(server);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<KubernetesDeploymentException>(() =>
            KubernetesDeployer.DeployAsync(kubeconfig, Settings("pipeline-ai4i2020:2-slow", "2") with { RolloutTimeout = TimeSpan.FromSeconds(1) }));

        Assert.Contains("did not finish within 1 s (1 of 2 replicas updated, 0 available)", error.Message);
        Assert.Contains("Rolled back: pipeline-ai4i2020:1 (model 1) is serving again", error.Message);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15));
        Assert.Equal("pipeline-ai4i2020:1", DeployedImage(server));
    }

    [Fact]
    public async Task Kubernetes_CancelledRolloutAgainstInProcessApiServerStandIn_PutsThePreviousImageBack()
    {
        await using var server = await KubernetesApiServerStandIn.StartAsync();
        var kubeconfig = await DeployVersionOneAsync(server);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var log = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            KubernetesDeployer.DeployAsync(kubeconfig, Settings("pipeline-ai4i2020:2-slow", "2"), log.Add, cancel.Token));

        Assert.Equal("pipeline-ai4i2020:1", DeployedImage(server));
        Assert.Contains(log, l => l.Contains("Cancelled: putting scoring/pipeline-ai4i2020 back to pipeline-ai4i2020:1"));
    }

    [Fact]
    public async Task Kubernetes_NoLogMessageOrManifestAgainstInProcessApiServerStandIn_CarriesTheKubeconfigsCredentials()
    {
        const string password = "server-password-9d2e";
        var said = new List<string>();
        string unreachableKubeconfig;
        await using (var server = await KubernetesApiServerStandIn.StartAsync())
        {
            var kubeconfig = server.WriteKubeconfig(_directory, Token);
            await KubernetesDeployer.DeployAsync(kubeconfig, Settings("pipeline-ai4i2020:1", "1"), said.Add);
            said.Add((await Assert.ThrowsAsync<KubernetesDeploymentException>(() =>
                KubernetesDeployer.DeployAsync(kubeconfig, Settings("pipeline-ai4i2020:2-broken", "2"), said.Add))).Message);
            server.RefusedPathFragments.Add("/configmaps/");
            said.Add((await Assert.ThrowsAsync<KubernetesDeploymentException>(() =>
                KubernetesDeployer.DeployAsync(kubeconfig, Settings("pipeline-ai4i2020:3", "3"), said.Add))).Message);
            unreachableKubeconfig = server.WriteKubeconfig(Directory.CreateDirectory(Path.Combine(_directory, "with-password")).FullName, Token, $"admin:{password}");
        }
        said.Add((await Assert.ThrowsAsync<KubernetesDeploymentException>(() =>
            KubernetesDeployer.DeployAsync(unreachableKubeconfig, Settings("pipeline-ai4i2020:4", "4"), said.Add))).Message);
        var manifests = File.ReadAllText(KubernetesManifests.Render(Settings("pipeline-ai4i2020:4", "4")).WriteTo(Path.Combine(_directory, "deploy")));

        var everything = string.Join("\n", said) + manifests;
        Assert.Contains("cannot be reached", everything);
        Assert.DoesNotContain(Token, everything);
        Assert.DoesNotContain(password, everything);
        Assert.DoesNotContain("kubeconfig", manifests, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Kubernetes_MissingKubeconfig_SaysWhichFileAndWhatToPass()
    {
        var missing = Path.Combine(_directory, "nope.yaml");

        var error = await Assert.ThrowsAsync<KubernetesDeploymentException>(() => KubernetesDeployer.DeployAsync(missing, Settings("x:1", "1")));

        Assert.Contains(missing, error.Message);
        Assert.Contains("--kubeconfig", error.Message);
    }

    [Fact]
    public void DryRun_WritesConfigMapDeploymentServiceAndAutoscalerAsYaml()
    {
        var path = KubernetesManifests.Render(Settings("pipeline-ai4i2020:3", "3")).WriteTo(Path.Combine(_directory, "deploy"));

        var objects = KubernetesYaml.LoadAllFromString(File.ReadAllText(path));

        Assert.Equal(["ConfigMap", "Deployment", "Service", "HorizontalPodAutoscaler"], objects.Select(o => ((IKubernetesObject)o).Kind));
        var deployment = objects.OfType<V1Deployment>().Single();
        Assert.Equal("0", deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.True(deployment.Spec.Template.Spec.SecurityContext.RunAsNonRoot);
        var autoscaler = objects.OfType<V2HorizontalPodAutoscaler>().Single();
        Assert.Equal("pipeline-ai4i2020", autoscaler.Spec.ScaleTargetRef.Name);
    }

    /// <summary>Deploys pipeline-ai4i2020:1 (model 1) to the stand-in, the release a later deploy replaces; returns the kubeconfig.</summary>
    private async Task<string> DeployVersionOneAsync(KubernetesApiServerStandIn server)
    {
        var kubeconfig = server.WriteKubeconfig(_directory, Token);
        await KubernetesDeployer.DeployAsync(kubeconfig, Settings("pipeline-ai4i2020:1", "1"));
        return kubeconfig;
    }

    private static string DeployedImage(KubernetesApiServerStandIn server) =>
        server.Stored("/apis/apps/v1/namespaces/scoring/deployments/pipeline-ai4i2020")!["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>();

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
