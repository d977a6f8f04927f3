using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Delivery.Docker;

namespace Pipeline.Delivery.Local;

/// <summary>
/// Deploys a scoring-service image on the local Docker engine, blue/green on two ports: with host networking
/// two containers cannot share a port, so the new container starts on whichever of <c>Port</c> and
/// <c>Port + 1</c> the running one does not use. Only after the new one answers <c>/ready</c> and a
/// smoke-test <c>/predict</c> (the model's own input example, from <c>/model</c>), and then meets its latency and error
/// budget on replayed requests (<see cref="LatencyGate"/>, when the request has an <see cref="LocalDeployRequest.Slo"/>),
/// is the previous one stopped and removed; otherwise the new one is removed and the previous one keeps serving.
/// Challengers (canaries, shadows) are mounted read-only from their verified registry folders and configured by environment.
/// </summary>
public static class LocalDeployer
{
    /// <summary>Label naming the service a container belongs to.</summary>
    public const string ServiceLabel = "pipeline.service";

    /// <summary>Label carrying the port a container listens on.</summary>
    public const string PortLabel = "pipeline.port";

    /// <summary>Runs <see cref="LocalDeployRequest.Image"/>, waits for it, and replaces the previous container.</summary>
    public static async Task<LocalDeployment> DeployAsync(LocalDeployRequest request, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        using var client = await DockerEngine.ConnectAsync(cancellationToken);
        try
        {
            await client.Images.InspectImageAsync(request.Image, cancellationToken);
        }
        catch (DockerImageNotFoundException)
        {
            throw new DockerOperationException($"The image {request.Image} is not on the local engine; run the Containerize target first.");
        }

        var previous = await RunningContainersAsync(client, request.ServiceName, cancellationToken);
        var busyPorts = previous.Select(p => p.Labels.TryGetValue(PortLabel, out var value) && int.TryParse(value, out var port) ? port : -1).ToHashSet();
        var port = busyPorts.Contains(request.Port) ? request.Port + 1 : request.Port;
        var name = $"{request.ServiceName}-{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        var url = new Uri($"http://127.0.0.1:{port}/");

        log?.Invoke($"Starting {name} from {request.Image} on port {port}.");
        var hostConfig = new HostConfig { NetworkMode = "host" };
        var binds = new List<string>();
        if (request.InferenceLogDirectory is { } logDirectory)
        {
            binds.Add($"{PrepareInferenceLogDirectory(logDirectory)}:{ServingDockerfile.InferenceLogDirectory}");
        }
        var challengers = request.Challengers ?? [];
        foreach (var challenger in challengers)
        {
            binds.Add($"{Path.GetFullPath(challenger.VersionDirectory)}:{challenger.ContainerDirectory}:ro");
            log?.Invoke($"Serving {challenger} beside the image's version.");
        }
        hostConfig.Binds = binds.Count > 0 ? binds : null;
        string? createdId = null;
        string modelVersion;
        LatencyReport? latency = null;
        try
        {
            var created = await client.Containers.CreateContainerAsync(new CreateContainerParameters
            {
                Name = name,
                Image = request.Image,
                Env = [$"Serving__Port={port}", $"Serving__InferenceLogDirectory={ServingDockerfile.InferenceLogDirectory}",
                    .. challengers.SelectMany((challenger, i) => challenger.Environment(i))],
                Labels = new Dictionary<string, string> { [ServiceLabel] = request.ServiceName, [PortLabel] = port.ToString() },
                HostConfig = hostConfig,
            }, cancellationToken);
            createdId = created.ID;
            await client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken);
            modelVersion = await ServingProbe.WaitUntilServingAsync(url, token => ExitedAsync(client, created.ID, token), request.ReadyTimeout, cancellationToken);
            if (request.Slo is { } slo)
            {
                log?.Invoke($"Replaying {slo.Requests} requests against {name} (budget: p99 {SloBudget.Ms(slo.P99Milliseconds)}, errors {SloBudget.Percent(slo.MaxErrorRate)}) before it takes traffic.");
                latency = await LatencyGate.CheckAsync(url, request.InferenceLogDirectory, slo, cancellationToken);
                log?.Invoke($"Within budget: {latency.Sentence}.");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A half-deployed container must not outlive a cancelled deploy: it holds the other port, and the next
            // deploy would take it for the serving one.
            log?.Invoke($"Cancelled: removing the new container {name}; the previous one is untouched.");
            // By name when the create call was cancelled after the engine had made it.
            await RemoveAsync(client, createdId ?? name);
            throw;
        }
        catch (LatencyBudgetExceededException e) when (createdId is not null)
        {
            await RemoveAsync(client, createdId);
            throw new LatencyBudgetExceededException(
                $"The new container from {request.Image} missed its SLO before taking traffic: {e.Message}; it was removed and {Kept(previous)}.", e.Report);
        }
        catch (Exception e) when (createdId is not null)
        {
            var logs = await LogTailAsync(client, createdId);
            await RemoveAsync(client, createdId);
            var kept = Kept(previous);
            throw new DeploymentRolledBackException(
                $"The new container from {request.Image} did not become ready: {e.Message}; " +
                $"it was removed and {kept}. Its last log lines:{Environment.NewLine}{logs}");
        }

        var replaced = new List<string>();
        foreach (var old in previous)
        {
            log?.Invoke($"Removing the previous container {ContainerName(old)}.");
            await RemoveAsync(client, old.ID);
            replaced.Add(ContainerName(old));
        }
        return new LocalDeployment(createdId, name, url, modelVersion, replaced, latency);
    }

    private static string Kept(IList<ContainerListResponse> previous) => previous.Count == 0
        ? "there was no previous container"
        : $"the previous container {string.Join(", ", previous.Select(ContainerName))} keeps serving";

    /// <summary>The running containers of <paramref name="serviceName"/>.</summary>
    public static async Task<IList<ContainerListResponse>> RunningContainersAsync(DockerClient client, string serviceName, CancellationToken cancellationToken) =>
        await client.Containers.ListContainersAsync(new ContainersListParameters { Filters = LabelFilter(serviceName) }, cancellationToken);

    private static Dictionary<string, IDictionary<string, bool>> LabelFilter(string serviceName) =>
        new() { ["label"] = new Dictionary<string, bool> { [$"{ServiceLabel}={serviceName}"] = true } };

    private static string ContainerName(ContainerListResponse container) => container.Names.FirstOrDefault()?.TrimStart('/') ?? container.ID[..12];

    /// <summary>Why the container is no longer running (its exit code), or null while it runs.</summary>
    private static async Task<string?> ExitedAsync(DockerClient client, string containerId, CancellationToken cancellationToken)
    {
        var state = (await client.Containers.InspectContainerAsync(containerId, cancellationToken)).State;
        return state.Running ? null : $"the container exited with code {state.ExitCode}";
    }

    private static async Task<string> LogTailAsync(DockerClient client, string containerId)
    {
        try
        {
            using var stream = await client.Containers.GetContainerLogsAsync(containerId, false,
                new ContainerLogsParameters { ShowStdout = true, ShowStderr = true, Tail = "20" }, CancellationToken.None);
            var (stdout, stderr) = await stream.ReadOutputToEndAsync(CancellationToken.None);
            return string.Join(Environment.NewLine, (stdout + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "  " + l));
        }
        catch (DockerApiException e)
        {
            return $"  (logs unavailable: {e.Message})";
        }
    }

    /// <summary>Creates the host folder, writable by the container's unprivileged user (whose id the host may not know).</summary>
    private static string PrepareInferenceLogDirectory(string directory)
    {
        var path = Path.GetFullPath(directory);
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)0b111_111_111);
        }
        return path;
    }

    /// <summary>Force-removes a container by id or name, not cancellable: clean-up must finish even when the deploy was cancelled.</summary>
    private static async Task RemoveAsync(DockerClient client, string containerId)
    {
        try
        {
            await client.Containers.RemoveContainerAsync(containerId, new ContainerRemoveParameters { Force = true });
        }
        catch (DockerContainerNotFoundException)
        {
        }
    }

}
