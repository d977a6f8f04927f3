namespace Pipeline.Modeling.Registry;

public sealed partial class ModelRegistry
{
    /// <summary>
    /// Checks every file of <paramref name="version"/> against its manifest (no file missing, added, resized or
    /// changed), the manifest against the digest recorded when the version was registered, and the model file against
    /// metadata.json. A legacy version without a manifest is checked as far as its metadata covers it: the model file.
    /// </summary>
    /// <exception cref="ModelingException">The version does not exist, or a check fails; the sentence names the file and both digests.</exception>
    public VersionVerification Verify(int version)
    {
        RequireVersion(version);
        return VersionFolderIntegrity.Verify(VersionDirectory(version), RecordedDigest(version));
    }

    string? RecordedDigest(int version) =>
        Events.ReadAll().Select(e => e.Event).OfType<VersionRegistered>().LastOrDefault(e => e.Version == version)?.Digest;

    // Reads the metadata and verifies every file; the message starts with what was refused.
    VersionVerification RequireIntact(int version, string refused)
    {
        try
        {
            return Verify(version);
        }
        catch (ModelingException e)
        {
            throw new ModelingException($"{refused}: {e.Message} The stages were not changed.", e);
        }
    }
}
