namespace Pipeline.Delivery.Deployment;

/// <summary>What every deployer needs to know about the image to deploy.</summary>
/// <param name="ServiceName">Name of the service (container name prefix, Kubernetes object names), e.g. <c>pipeline-ai4i2020</c>.</param>
/// <param name="Image">The image as the local engine knows it, e.g. <c>pipeline-ai4i2020:3</c>.</param>
/// <param name="PushedImage">The image as a cluster pulls it (the pushed tag, else <see cref="Image"/>).</param>
/// <param name="ModelVersion">The registry version the image serves.</param>
public sealed record DeployRequest(string ServiceName, string Image, string PushedImage, string ModelVersion);
