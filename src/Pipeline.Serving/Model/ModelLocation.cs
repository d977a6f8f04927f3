using Pipeline.Modeling.Registry;

namespace Pipeline.Serving.Model;

/// <summary>
/// The version folder the configured model path names right now, with a fingerprint of its files that
/// changes when a different version is promoted or the files are replaced.
/// </summary>
/// <param name="VersionDirectory">The registry version folder to load.</param>
/// <param name="Fingerprint">Changes whenever the served files would change.</param>
public sealed record ModelLocation(string VersionDirectory, string Fingerprint)
{
    /// <summary>
    /// Resolves <paramref name="modelPath"/>: a version folder (has model.zip) as is; a dataset's registry
    /// folder (has versions/) through <paramref name="alias"/>.
    /// </summary>
    public static ModelLocation Resolve(string modelPath, string alias)
    {
        var path = Path.GetFullPath(modelPath);
        if (!Directory.Exists(path))
        {
            throw new ModelLoadException($"The model folder {path} does not exist; set Serving:ModelPath (environment variable Serving__ModelPath) to a registry version folder or a dataset's registry folder.");
        }
        var versionDirectory = RegistryLayout.IsVersionDirectory(path)
            ? path
            : RegistryLayout.IsRegistryDirectory(path)
                ? RegistryAliases.Resolve(path, alias)
                : throw new ModelLoadException($"The model folder {path} holds neither {RegistryLayout.ModelFile} (a registry version folder) nor {RegistryLayout.VersionsFolder}/ (a dataset's registry folder).");
        return new ModelLocation(versionDirectory, FingerprintOf(versionDirectory));
    }

    // Every file of the version folder (model, metadata, spec, schema, example, manifest, and any added one), so that
    // a change to any file the load verifies or reads makes the watcher load (and verify) the version again.
    private static string FingerprintOf(string versionDirectory)
    {
        var parts = new DirectoryInfo(versionDirectory).EnumerateFiles("*", SearchOption.AllDirectories)
            .Select(file => $"{Path.GetRelativePath(versionDirectory, file.FullName)}:{file.Length}:{file.LastWriteTimeUtc.Ticks}")
            .Order(StringComparer.Ordinal);
        return versionDirectory + "|" + string.Join("|", parts);
    }
}
