namespace Pipeline.Delivery.Deployment;

/// <summary>Puts a scoring image in front of traffic somewhere, and says where in one sentence.</summary>
public interface IDeployer
{
    /// <summary>Deploys <paramref name="request"/>; returns the sentence that tells the user what now serves and where, and its endpoint.</summary>
    Task<DeployOutcome> DeployAsync(DeployRequest request, Action<string> log, CancellationToken cancellationToken);
}
