namespace Pipeline.Delivery.GitOps;

/// <summary>A GitOps deploy could not write or commit its manifests; the message says what to do.</summary>
public sealed class GitOpsException(string message) : Exception(message);
