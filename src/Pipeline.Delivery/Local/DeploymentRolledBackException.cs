namespace Pipeline.Delivery.Local;

/// <summary>The new version did not become ready; it was removed and the previous one (if any) keeps serving.</summary>
public sealed class DeploymentRolledBackException(string message) : Exception(message);
