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

    [Parameter("Kubernetes namespace to deploy into")]
    string KubernetesNamespace => TryGetValue(() => KubernetesNamespace) ?? "default";

    Target Deploy => _ => _
        .Description("Deploy the image: --environment local (run, wait for /ready, smoke-test, replace, roll back) or kubernetes")
        .DependsOn<IContainerize>(x => x.Containerize)
        .Executes(DeployImageAsync);

    /// <summary>Deploys the image Containerize built in this run (else the served model's image) through the deployer of --environment, and records the deployment.</summary>
    async Task DeployImageAsync(CancellationToken cancellationToken)
    {
        // The kubeconfig's credentials are masked in everything the build prints, also when a server echoes them.
        if (Environment == DeployEnvironment.Kubernetes && Kubeconfig is { } kubeconfig)
            foreach (var secret in Pipeline.Delivery.Kubernetes.KubeconfigCredentials.Read(kubeconfig)) Log.RegisterSecret(secret);
        var deployer = DeployerChoice.For(Environment, DryRun, ServicePort, Workspace.InferenceLogDirectory(ScoringImageName), Kubeconfig, KubernetesNamespace, Workspace.DeployDirectory);
        var request = ScoringImage.ToDeploy(ScoringImageName, State.Image, Registry, PushRegistry);
        var outcome = await deployer.DeployAsync(request, Log.Information, cancellationToken);
        Log.Information(outcome.Sentence);
        WriteMonitoring(outcome.Endpoint);
        new LifecycleFacts(Workspace, StepLogs.Build).Deployed(request.ModelVersion,
            DryRun && Environment == DeployEnvironment.Kubernetes ? "kubernetes (dry run)" : Environment.ToString().ToLowerInvariant(), outcome.Endpoint, request.PushedImage);
    }
}
