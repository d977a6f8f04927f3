using Pipeline.Delivery.Docker;
using Pipeline.Modeling.Registry;

namespace Pipeline.Delivery.Deployment;

/// <summary>How the scoring image of a dataset is named, which registry version it serves, and how Deploy refers to it.</summary>
public static class ScoringImage
{
    /// <summary>The image's repository name: <paramref name="imageName"/>, else <c>pipeline-&lt;dataset&gt;</c>.</summary>
    public static string Name(string dataset, string? imageName) => imageName ?? $"pipeline-{dataset}";

    /// <summary>The version folder the image serves: the production version, else the newest registered one.</summary>
    /// <exception cref="InvalidOperationException">The registry has no versions.</exception>
    public static string ServedVersionDirectory(ModelRegistry registry) =>
        registry.ProductionDirectory
            ?? (registry.Versions.Count > 0 ? registry.VersionDirectory(registry.Versions[^1]) : throw new InvalidOperationException(
                $"The model registry {registry.Directory} has no versions; run the Register target first."));

    /// <summary>
    /// What Deploy deploys: the image Containerize built in this run, or, when Containerize was skipped (e.g. a
    /// Kubernetes dry run on a machine without Docker), the names that follow from the served model.
    /// </summary>
    public static DeployRequest ToDeploy(string imageName, BuiltImage? built, ModelRegistry registry, string? pushRegistry)
    {
        var version = built?.Lineage.Version ?? ModelLineage.Read(ServedVersionDirectory(registry)).Version;
        var localImage = built?.PrimaryTag ?? $"{imageName}:{version}";
        var pushedImage = built?.PushedTags.FirstOrDefault() ?? (pushRegistry is null ? localImage : $"{pushRegistry.TrimEnd('/')}/{localImage}");
        return new DeployRequest(imageName, localImage, pushedImage, version);
    }
}
