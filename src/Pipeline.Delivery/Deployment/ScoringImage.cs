using Pipeline.Delivery.Docker;
using Pipeline.Modeling.Registry;

namespace Pipeline.Delivery.Deployment;

/// <summary>How the scoring image of a dataset is named, which registry version it serves, and how Deploy refers to it.</summary>
public static class ScoringImage
{
    /// <summary>The image's repository name: <paramref name="imageName"/>, else <c>pipeline-&lt;dataset&gt;</c>.</summary>
    public static string Name(string dataset, string? imageName) => imageName ?? $"pipeline-{dataset}";

    /// <summary>
    /// The local folder of the version the image serves (the production version, else the newest registered one),
    /// verified file by file against its digest first — from a folder registry or pulled from an OCI registry.
    /// </summary>
    /// <exception cref="InvalidOperationException">The registry has no versions.</exception>
    /// <exception cref="Pipeline.Modeling.ModelingException">The version fails verification (both digests named).</exception>
    public static string ServedVersionDirectory(IModelRegistry registry)
    {
        var version = registry.Stages.Production
            ?? (registry.Versions.Count > 0 ? registry.Versions[^1] : throw new InvalidOperationException(
                $"The model registry {registry.Location} has no versions; run the Register target first."));
        registry.Verify(version);
        return registry.LocalVersionDirectory(version);
    }

    /// <summary>
    /// What Deploy deploys: the image Containerize built in this run, or, when Containerize was skipped (e.g. a
    /// Kubernetes dry run on a machine without Docker), the names that follow from the served model.
    /// </summary>
    public static DeployRequest ToDeploy(string imageName, BuiltImage? built, IModelRegistry registry, string? pushRegistry)
    {
        var version = built?.Lineage.Version ?? ModelLineage.Read(ServedVersionDirectory(registry)).Version;
        var localImage = built?.PrimaryTag ?? $"{imageName}:{version}";
        var pushedImage = built?.PushedTags.FirstOrDefault() ?? (pushRegistry is null ? localImage : $"{pushRegistry.TrimEnd('/')}/{localImage}");
        return new DeployRequest(imageName, localImage, pushedImage, version);
    }
}
