using Pipeline.Modeling.Steps;
using Pipeline.Delivery.Deployment;
using Pipeline.Engine;

/// <summary>Deploy: the image Containerize built (or, with Containerize skipped, the served model's image) through a deployer.</summary>
interface IDeploy : IContainerize, IAlerting
{
    [Parameter("Deploy target: local (the Docker engine, blue/green on ServicePort and ServicePort+1) or kubernetes (the kubeconfig's cluster)")]
    DeployEnvironment Environment => TryGetValue(() => Environment, DeployEnvironment.Local);

    [Parameter("Port of the local deployment; successive deployments alternate between it and the next port")]
    int ServicePort => TryGetValue(() => ServicePort, 8080);

    [Parameter("Path of the kubeconfig for --environment kubernetes"), Secret]
    string? Kubeconfig => TryGetValue(() => Kubeconfig);

    [Parameter("With --environment kubernetes: write the manifests to artifacts/<dataset>/deploy/ instead of applying them")]
    bool DryRun => TryGetValue(() => DryRun);

    [Parameter("With --environment kubernetes: GitOps — write the manifests as a kustomize base into <folder>/<service> of a Git work tree and commit them (model version and image in the message) for Argo CD or Flux, instead of calling an API server")]
    AbsolutePath? Gitops => TryGetValue(() => Gitops);

    [Parameter("With --gitops: push the commit to the current branch's upstream")]
    bool GitopsPush => TryGetValue(() => GitopsPush);

    [Parameter("Kubernetes namespace to deploy into")]
    string KubernetesNamespace => TryGetValue(() => KubernetesNamespace) ?? "default";

    [Parameter("Registry version served beside the champion as a canary (local only), answering --canary-percent of the requests; a request's X-Routing-Key always lands on the same version")]
    int? CanaryVersion => TryGetValue(() => CanaryVersion);

    [Parameter("The canary's share of the requests, in percent (default 10)")]
    double CanaryPercent => TryGetValue(() => CanaryPercent, 10.0);

    [Parameter("Registry version scored in shadow (local only): the caller gets the champion's answer, the shadow's is logged to the inference log's shadow/ folder")]
    int? ShadowVersion => TryGetValue(() => ShadowVersion);

    [Parameter("SLO gate of a local deploy: highest p99 latency of /predict on the replayed requests, in milliseconds (default 250)")]
    double SloP99Ms => TryGetValue(() => SloP99Ms, Pipeline.Delivery.Local.SloBudget.Default.P99Milliseconds);

    [Parameter("SLO gate of a local deploy: highest share of failed replayed requests, 0 to 1 (default 0.01)")]
    double SloMaxErrorRate => TryGetValue(() => SloMaxErrorRate, Pipeline.Delivery.Local.SloBudget.Default.MaxErrorRate);

    [Parameter("SLO gate of a local deploy: requests replayed before the new container takes traffic (default 500; 0 turns the gate off)")]
    int SloRequests => TryGetValue(() => SloRequests, Pipeline.Delivery.Local.SloBudget.Default.Requests);

    Target Deploy => _ => _
        .Description("Deploy the image: --environment local (run, wait for /ready, smoke-test, replace, roll back) or kubernetes")
        .DependsOn<IContainerize>(x => x.Containerize)
        .Executes(DeployImageAsync);

    /// <summary>Deploys the image Containerize built in this run (else the served model's image) through the deployer of --environment, with the canary/shadow challengers and the SLO gate asked for, and records the deployment.</summary>
    async Task DeployImageAsync(CancellationToken cancellationToken)
    {
        // The kubeconfig's credentials are masked in everything the build prints, also when a server echoes them.
        if (Environment == DeployEnvironment.Kubernetes && Kubeconfig is { } kubeconfig)
            foreach (var secret in Pipeline.Delivery.Kubernetes.KubeconfigCredentials.Read(kubeconfig)) Log.RegisterSecret(secret);
        var request = ScoringImage.ToDeploy(ScoringImageName, State.Image, Registry, PushRegistry);
        var challengers = TrafficPlan.From(Registry, request.ModelVersion, CanaryVersion, CanaryPercent, ShadowVersion);
        var slo = SloRequests > 0 ? new Pipeline.Delivery.Local.SloBudget(SloP99Ms, SloMaxErrorRate, SloRequests) : null;
        var deployer = DeployerChoice.For(Environment, DryRun, ServicePort, Workspace.InferenceLogDirectory(ScoringImageName), Kubeconfig, KubernetesNamespace, Workspace.DeployDirectory,
            challengers, slo, Gitops, GitopsPush);
        var outcome = await deployer.DeployAsync(request, Log.Information, cancellationToken);
        Log.Information(outcome.Sentence);
        WriteMonitoring(outcome.Endpoint);
        new LifecycleFacts(Workspace, StepLogs.Build).Deployed(request.ModelVersion,
            Environment != DeployEnvironment.Kubernetes ? Environment.ToString().ToLowerInvariant()
            : Gitops is not null ? "kubernetes (gitops)" : DryRun ? "kubernetes (dry run)" : "kubernetes", outcome.Endpoint, request.PushedImage);
    }
}
