using Docker.DotNet;
using Docker.DotNet.Models;
using Pipeline.Modeling;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Scoring;

namespace Pipeline.Delivery.Docker;

/// <summary>
/// Builds the scoring-service image through the Docker engine API (Docker.DotNet): verifies the model version
/// the way the service will load it, publishes the service (unless its sources are unchanged), streams the build context
/// (Dockerfile + service + model folder) to the engine as a tar, builds (the model is the last layer, so a new model
/// version reuses the cached base and service layers), tags with the model version and the commit, labels the lineage,
/// and optionally pushes.
/// </summary>
public static class ServingImageBuilder
{
    /// <summary>
    /// Builds (and optionally pushes) the image described by <paramref name="request"/>. Throws
    /// <see cref="ModelNotServableException"/>, before anything is published or built, when the model version fails
    /// the checks the service makes at start-up (model.zip's size and SHA-256 against metadata.json, spec, features).
    /// </summary>
    public static async Task<BuiltImage> BuildAsync(ContainerizeRequest request, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        var lineage = ModelLineage.Of(VerifyServable(request.ModelVersionDirectory));
        log?.Invoke($"Verified the model in {request.ModelVersionDirectory}: it loads, and model.zip matches the SHA-256 in metadata.json.");
        using var client = await DockerEngine.ConnectAsync(cancellationToken);
        var baseImage = await ResolveBaseImageAsync(client, request.BaseImage, log, cancellationToken);

        var publishDirectory = Path.Combine(request.WorkDirectory, "publish");
        await ServicePublisher.PublishAsync(request.ServingProject, publishDirectory, log, cancellationToken);
        var entryAssembly = Path.GetFileNameWithoutExtension(request.ServingProject) + ".dll";

        var tags = new[] { $"{request.ImageName}:{SanitizeTag(lineage.Version)}", $"{request.ImageName}:{SanitizeTag(request.Commit)}" };
        var labels = lineage.ToLabels(request.Commit);
        // The labels in the Dockerfile, as one instruction, rather than the API's labels parameter (one instruction each).
        var dockerfile = ServingDockerfile.Render(baseImage, entryAssembly, labels);
        // Kept beside the published service: what was built, and what `docker build` needs to rebuild it by hand
        // (bench/deploy.sh does, to measure the engine's own share of the time).
        Directory.CreateDirectory(request.WorkDirectory);
        await File.WriteAllTextAsync(Path.Combine(request.WorkDirectory, "Dockerfile"), dockerfile, cancellationToken);
        var context = new BuildContext()
            .AddFile("Dockerfile", dockerfile)
            .AddDirectory(publishDirectory, ServingDockerfile.ServiceContextPath)
            .AddDirectory(request.ModelVersionDirectory, ServingDockerfile.ModelContextPath);

        log?.Invoke($"Building {string.Join(", ", tags)} from {baseImage}.");
        var progress = new DockerProgressLog(log);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using (var tar = context.ToTarStream())
        {
            await client.Images.BuildImageFromDockerfileAsync(new ImageBuildParameters
            {
                Dockerfile = "Dockerfile",
                Tags = tags,
                Remove = true,
                ForceRemove = true,
                Pull = null,
            }, tar, [], new Dictionary<string, string>(), progress, cancellationToken);
        }
        progress.ThrowIfFailed($"Building the image {tags[0]}");
        log?.Invoke($"The engine built {tags[0]} in {watch.Elapsed.TotalSeconds:0.0} s (context streamed as it was read).");

        var inspected = await client.Images.InspectImageAsync(tags[0], cancellationToken);
        var pushed = request.PushRegistry is null
            ? []
            : await PushAsync(client, tags, request.PushRegistry, log, cancellationToken);
        return new BuiltImage(inspected.ID, tags, pushed, lineage, labels);
    }

    /// <summary>
    /// Loads the version exactly as the service will at start-up. An image of a model the service refuses could only
    /// fail its deployment and be rolled back; refusing here says why sooner, and builds nothing.
    /// Returns the metadata the load read, so that the lineage labels come from the very file that was verified.
    /// </summary>
    private static ModelMetadata VerifyServable(string versionDirectory)
    {
        try
        {
            using var model = ScoringModel.Load(versionDirectory);
            return model.Metadata;
        }
        catch (Exception e) when (e is ModelingException or IOException or UnauthorizedAccessException)
        {
            throw new ModelNotServableException($"Containerize refuses the model version in {versionDirectory}: {e.Message} No image was built; register the model again (the Register target) or restore the file.", e);
        }
    }

    /// <summary>Tags each of <paramref name="tags"/> under <paramref name="registry"/> and pushes it; returns the pushed references.</summary>
    public static async Task<IReadOnlyList<string>> PushAsync(DockerClient client, IEnumerable<string> tags, string registry, Action<string>? log, CancellationToken cancellationToken)
    {
        var pushed = new List<string>();
        foreach (var tag in tags)
        {
            var separator = tag.LastIndexOf(':');
            var repository = $"{registry.TrimEnd('/')}/{tag[..separator]}";
            var version = tag[(separator + 1)..];
            await client.Images.TagImageAsync(tag, new ImageTagParameters { RepositoryName = repository, Tag = version }, cancellationToken);
            var progress = new DockerProgressLog(log);
            try
            {
                await client.Images.PushImageAsync(repository, new ImagePushParameters { Tag = version }, new AuthConfig(), progress, cancellationToken);
            }
            catch (DockerApiException e)
            {
                throw new DockerOperationException($"Pushing {repository}:{version} failed: {e.ResponseBody.Trim()}", e);
            }
            progress.ThrowIfFailed($"Pushing {repository}:{version} (is a registry listening at {registry}?)");
            pushed.Add($"{repository}:{version}");
        }
        return pushed;
    }

    private static async Task<string> ResolveBaseImageAsync(DockerClient client, string baseImage, Action<string>? log, CancellationToken cancellationToken)
    {
        if (string.Equals(baseImage, HostRuntimeBaseImage.ParameterValue, StringComparison.OrdinalIgnoreCase))
        {
            return await HostRuntimeBaseImage.EnsureAsync(client, log, cancellationToken);
        }
        try
        {
            await client.Images.InspectImageAsync(baseImage, cancellationToken);
            return baseImage;
        }
        catch (DockerImageNotFoundException)
        {
        }
        log?.Invoke($"Base image {baseImage} is not present; pulling it.");
        var separator = baseImage.LastIndexOf(':');
        var hasTag = separator > baseImage.LastIndexOf('/');
        var progress = new DockerProgressLog(null);
        try
        {
            await client.Images.CreateImageAsync(new ImagesCreateParameters
            {
                FromImage = hasTag ? baseImage[..separator] : baseImage,
                Tag = hasTag ? baseImage[(separator + 1)..] : "latest",
            }, new AuthConfig(), progress, cancellationToken);
            progress.ThrowIfFailed("pull");
        }
        catch (Exception e) when (e is DockerApiException or DockerOperationException)
        {
            var reason = e is DockerApiException api ? api.ResponseBody.Trim() : progress.Error;
            throw new DockerOperationException(
                $"The base image {baseImage} is not on this engine and cannot be pulled ({reason}). " +
                $"Pass --base-image {HostRuntimeBaseImage.ParameterValue} to make one from this machine's .NET runtime, " +
                "or name an image the engine already has.", e);
        }
        return baseImage;
    }

    /// <summary>Docker tags allow [A-Za-z0-9_.-], at most 128 characters, not starting with '.' or '-'.</summary>
    internal static string SanitizeTag(string value)
    {
        var chars = value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '-').ToArray();
        var tag = new string(chars).TrimStart('.', '-');
        return tag.Length == 0 ? "untagged" : tag[..Math.Min(tag.Length, 128)];
    }
}
