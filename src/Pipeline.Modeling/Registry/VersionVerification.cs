namespace Pipeline.Modeling.Registry;

/// <summary>What <see cref="ModelRegistry.Verify"/> found a version to be.</summary>
/// <param name="Version">The version.</param>
/// <param name="Digest">The version digest (<c>sha256:…</c> of manifest.json); null for a legacy version without a manifest.</param>
/// <param name="FilesChecked">How many files were checked against their SHA-256.</param>
public sealed record VersionVerification(int Version, string? Digest, int FilesChecked)
{
    /// <summary>True for a version registered before manifests existed: only its model file is covered (by metadata.json).</summary>
    public bool IsLegacy => Digest is null;

    /// <summary>How the version is covered, for listings: the digest, or "legacy, model file only".</summary>
    public string Coverage => Digest ?? "legacy, model file only";
}
