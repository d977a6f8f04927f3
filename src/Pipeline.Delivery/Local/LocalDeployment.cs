namespace Pipeline.Delivery.Local;

/// <summary>A container that answered /ready and a smoke-test /predict.</summary>
/// <param name="ContainerId">The new container's id.</param>
/// <param name="ContainerName">The new container's name.</param>
/// <param name="Url">Where the service answers.</param>
/// <param name="ModelVersion">The model version the smoke test's prediction reported.</param>
/// <param name="ReplacedContainers">Names of the containers stopped and removed after the new one was ready.</param>
/// <param name="Latency">What the SLO gate measured before the new container took traffic, or null when the deploy had no budget.</param>
public sealed record LocalDeployment(string ContainerId, string ContainerName, Uri Url, string ModelVersion, IReadOnlyList<string> ReplacedContainers, LatencyReport? Latency = null);
