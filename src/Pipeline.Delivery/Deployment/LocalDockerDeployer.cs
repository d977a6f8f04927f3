using Pipeline.Delivery.Local;

namespace Pipeline.Delivery.Deployment;

/// <summary>Runs the image on the local Docker engine (run, wait for /ready, smoke-test, replace, roll back).</summary>
/// <param name="Port">The service port; successive deployments alternate between it and the next port.</param>
/// <param name="InferenceLogDirectory">Where the container's inference log is mounted.</param>
/// <param name="Challengers">Canaries and shadows served beside the image's version (none when null).</param>
/// <param name="Slo">The latency gate's budget before the new container takes traffic (no gate when null).</param>
public sealed record LocalDockerDeployer(int Port, string InferenceLogDirectory, IReadOnlyList<ChallengerDeployment>? Challengers = null, SloBudget? Slo = null) : IDeployer
{
    /// <inheritdoc/>
    public async Task<DeployOutcome> DeployAsync(DeployRequest request, Action<string> log, CancellationToken cancellationToken)
    {
        var local = await LocalDeployer.DeployAsync(new LocalDeployRequest(request.Image, request.ServiceName, Port, TimeSpan.FromSeconds(90),
            InferenceLogDirectory, Challengers, Slo), log, cancellationToken);
        var beside = Challengers is { Count: > 0 } ? $", with {string.Join(" and ", Challengers)}" : "";
        var latency = local.Latency is { } report ? $"; SLO gate passed: {report.Sentence}" : "";
        return new DeployOutcome($"Model {local.ModelVersion} is serving at {local.Url} (container {local.ContainerName}){beside}{latency}; try: curl -s {local.Url}model", local.Url.ToString());
    }
}
