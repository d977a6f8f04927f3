using Docker.DotNet;

namespace Pipeline.Delivery.Docker;

/// <summary>
/// Connects to the Docker engine named by <c>DOCKER_HOST</c> (or the default Unix socket) and turns
/// "nothing answers" into a sentence that says how to start one.
/// </summary>
public static class DockerEngine
{
    /// <summary>The engine endpoint used when <c>DOCKER_HOST</c> is not set.</summary>
    public const string DefaultEndpoint = "unix:///var/run/docker.sock";

    /// <summary>The endpoint this process talks to: <c>DOCKER_HOST</c> when set, otherwise the default socket.</summary>
    public static Uri Endpoint
    {
        get
        {
            var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
            return new Uri(string.IsNullOrWhiteSpace(host) ? DefaultEndpoint : host);
        }
    }

    /// <summary>
    /// Returns a client to an engine that has just answered a ping; throws
    /// <see cref="DockerEngineUnavailableException"/> (a user-facing sentence) when none answers.
    /// </summary>
    public static Task<DockerClient> ConnectAsync(CancellationToken cancellationToken = default) => ConnectAsync(Endpoint, cancellationToken);

    /// <summary>As <see cref="ConnectAsync(CancellationToken)"/>, for an explicit <paramref name="endpoint"/>.</summary>
    public static async Task<DockerClient> ConnectAsync(Uri endpoint, CancellationToken cancellationToken = default)
    {
        // Builds of a vfs-backed engine can take minutes; the default 100 s HTTP timeout is too short.
        var client = new DockerClientConfiguration(endpoint, defaultTimeout: TimeSpan.FromMinutes(20)).CreateClient();
        try
        {
            using var ping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            ping.CancelAfter(TimeSpan.FromSeconds(10));
            await client.System.PingAsync(ping.Token);
            return client;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            throw new DockerEngineUnavailableException(endpoint, e);
        }
    }

    /// <summary>True when an engine answers a ping at <see cref="Endpoint"/> (for tests deciding to skip).</summary>
    public static async Task<bool> IsReachableAsync()
    {
        try
        {
            using var client = await ConnectAsync();
            return true;
        }
        catch (DockerEngineUnavailableException)
        {
            return false;
        }
    }
}
