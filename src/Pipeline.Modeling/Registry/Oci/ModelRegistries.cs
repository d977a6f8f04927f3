using Pipeline.Oci;

namespace Pipeline.Modeling.Registry;

/// <summary>Opens the model registry a <c>--model-registry</c> value names: a folder, or an OCI registry.</summary>
public static class ModelRegistries
{
    /// <summary>The embedded default: the folder registry under the repository.</summary>
    public const string DefaultFolder = "models/registry";

    /// <summary>Where the OCI backend keeps the versions and events it has read, under the repository root.</summary>
    public const string CacheFolder = "models/registry-cache";

    /// <summary>
    /// The registry of <paramref name="dataset"/> that <paramref name="value"/> names: a folder path (relative to
    /// <paramref name="rootDirectory"/>; the registry is <c>&lt;folder&gt;/&lt;dataset&gt;</c>), or
    /// <c>oci://host[:port]/prefix</c> (HTTPS) / <c>oci+http://host:port/prefix</c> (plain HTTP), whose repository is
    /// <c>&lt;prefix&gt;/&lt;dataset&gt;</c> and whose local cache is under <see cref="CacheFolder"/>.
    /// </summary>
    /// <exception cref="ModelingException">The value is an oci address that cannot be parsed, or the dataset cannot be part of a repository name.</exception>
    public static IModelRegistry Open(string value, string dataset, string rootDirectory, OciCredentials? credentials)
    {
        if (string.IsNullOrWhiteSpace(value)) value = DefaultFolder;
        if (!OciRepositoryAddress.IsOciAddress(value))
            return ModelRegistry.ForDataset(Path.GetFullPath(value, Path.GetFullPath(rootDirectory)), dataset);
        OciRepositoryAddress address;
        try
        {
            address = OciRepositoryAddress.Parse(value).Child(dataset);
        }
        catch (OciException e)
        {
            throw new ModelingException($"--model-registry {value}: {e.Message}", e);
        }
        return new OciModelRegistry(address, Path.Combine(Path.GetFullPath(rootDirectory), CacheFolder), credentials);
    }
}
