namespace Pipeline.Delivery.Kubernetes;

/// <summary>A completed rollout.</summary>
/// <param name="Deployment">The Deployment's name.</param>
/// <param name="Namespace">Its namespace.</param>
/// <param name="Image">The image now running.</param>
/// <param name="ReadyReplicas">Replicas available at the end of the rollout.</param>
public sealed record KubernetesRollout(string Deployment, string Namespace, string Image, int ReadyReplicas);
