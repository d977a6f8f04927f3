namespace Pipeline.Delivery.Docker;

/// <summary>The Docker engine refused or failed an operation (build, push, run); the message says which and why.</summary>
public sealed class DockerOperationException(string message, Exception? inner = null) : Exception(message, inner);
