namespace Pipeline.Delivery.Deployment;

/// <summary>What a deployer did: the sentence for the user, and where the deployment answers (recorded in the registry's event log).</summary>
/// <param name="Sentence">What now serves and where, in one sentence.</param>
/// <param name="Endpoint">The address or resource it answers on (a URL, a Kubernetes service, or the dry run's manifest file).</param>
public sealed record DeployOutcome(string Sentence, string Endpoint);
