namespace Pipeline.Delivery.Deployment;

/// <summary>Where Deploy puts the scoring image (<c>--environment</c>).</summary>
public enum DeployEnvironment
{
    /// <summary>The local Docker engine: blue/green on the service port and the next one.</summary>
    Local,
    /// <summary>The cluster of a kubeconfig: Deployment, Service, HPA and ConfigMap.</summary>
    Kubernetes,
}
