using Pipeline.Delivery.Local;

namespace Pipeline.Delivery.Deployment;

/// <summary>Runs the image on the local Docker engine (run, wait for /ready, smoke-test, replace, roll back).</summary>
/// <param name="Port">The service port; successive deployments alternate between it and the next port.</param>
/// <param name="InferenceLogDirectory">Where the container's inference log is mounted.</param>
public sealed record LocalDockerDeployer(int Port, string InferenceLogDirectory) : IDeployer
{
    /// <inheritdoc/>
    public async Task<DeployOutcome> DeployAsync(DeployRequest request, Action<string> log, CancellationToken cancellationToken)
    {
        var local = await LocalDeployer.DeployAsync(new LocalDeployRequest(request.Image, request.ServiceName, Port, TimeSpan.FromSeconds(90),
            InferenceLogDirectory), log, cancellationToken);
        return new DeployOutcome($"Model {local.ModelVersion} is serving at {local.Url} (container {local.ContainerName}); try: curl -s {local.Url}model", local.Url.ToString());
    }
}
