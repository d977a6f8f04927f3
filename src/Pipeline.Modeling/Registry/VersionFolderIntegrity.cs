namespace Pipeline.Modeling.Registry;

/// <summary>
/// The integrity check of one version folder: every file against manifest.json (none missing, added, resized or
/// changed), the manifest against the digest recorded at registration when the caller has it, and the model file
/// against metadata.json. For readers that hold a version folder (the registry, Containerize, the scoring service).
/// </summary>
public static class VersionFolderIntegrity
{
    /// <summary>
    /// Checks <paramref name="versionDirectory"/>; <paramref name="recordedDigest"/> is the version digest recorded
    /// when it was registered (null: not known to the caller, so only the folder's own manifest is trusted). A legacy
    /// version without a manifest is checked as far as its metadata covers it: the model file.
    /// </summary>
    /// <exception cref="ModelingException">A check fails; the sentence names the file and both digests.</exception>
    public static VersionVerification Verify(string versionDirectory, string? recordedDigest = null)
    {
        var directory = versionDirectory;
        var metadata = ModelMetadata.Read(Path.Combine(directory, "metadata.json"));
        var version = metadata.Version;
        var manifestPath = Path.Combine(directory, VersionManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            if (recordedDigest is { } recorded)
                throw new ModelingException($"The version manifest {manifestPath} is missing, but version {version} was registered with digest {recorded}: the folder was altered and will not be loaded. Restore it from a backup.");
            ModelFileIntegrity.Verify(directory, metadata);
            return new VersionVerification(version, null, 1);
        }

        var bytes = File.ReadAllBytes(manifestPath);
        var digest = VersionManifest.DigestOf(bytes);
        if (recordedDigest is { } expected && expected != digest)
            throw new ModelingException($"The version manifest {manifestPath} has digest {digest} but version {version} was registered with digest {expected}: it has been modified and will not be loaded.");
        var manifest = VersionManifest.Parse(bytes, manifestPath);
        foreach (var entry in manifest.Files)
        {
            var path = Path.Combine(directory, entry.Name);
            if (!File.Exists(path))
                throw new ModelingException($"File {path} is missing from version {version}, whose manifest (digest {digest}) lists it with SHA-256 {entry.Sha256}: it will not be loaded. Restore the version folder from a backup.");
            var length = new FileInfo(path).Length;
            if (length != entry.Bytes)
                throw new ModelingException($"File {path} is {length} bytes but version {version}'s manifest (digest {digest}) records {entry.Bytes} with SHA-256 {entry.Sha256}: it is {(length < entry.Bytes ? "truncated" : "altered")} and will not be loaded.");
            var actual = ModelFileIntegrity.Sha256Of(path);
            if (!string.Equals(actual, entry.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new ModelingException($"File {path} has SHA-256 {actual} but version {version}'s manifest (digest {digest}) records {entry.Sha256}: it has been modified and will not be loaded.");
        }
        var listed = manifest.Files.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        if (VersionManifest.FilesOf(directory).FirstOrDefault(name => !listed.Contains(name)) is { } added)
            throw new ModelingException($"File {Path.Combine(directory, added)} is not in version {version}'s manifest (digest {digest}): it was added after the version was committed, so the version will not be loaded. Remove the file.");
        ModelFileIntegrity.Verify(directory, metadata);
        return new VersionVerification(version, digest, manifest.Files.Count);
    }
}
