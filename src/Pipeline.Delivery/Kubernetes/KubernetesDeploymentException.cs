namespace Pipeline.Delivery.Kubernetes;

/// <summary>A Kubernetes deploy failed (and was rolled back where possible); the message says what happened and what runs now.</summary>
public sealed class KubernetesDeploymentException(string message, Exception? inner = null) : Exception(message, inner);
