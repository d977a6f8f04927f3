namespace Pipeline.Delivery.Docker;

/// <summary>No Docker engine answered; the message says where we looked and how to start one.</summary>
public sealed class DockerEngineUnavailableException(Uri endpoint, Exception inner) : Exception(
    $"No Docker engine answers at {endpoint} ({inner.GetBaseException().Message.TrimEnd('.')}). " +
    "Start one (for example `sudo dockerd --iptables=false --bridge=none --storage-driver=vfs &`, " +
    "or run .ci/docker-engine.sh, which installs docker.io when missing), " +
    "or point DOCKER_HOST at a running engine, then run the target again.", inner)
{
    /// <summary>The endpoint that did not answer.</summary>
    public Uri Endpoint { get; } = endpoint;
}
