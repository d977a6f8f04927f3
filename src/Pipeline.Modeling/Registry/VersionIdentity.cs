namespace Pipeline.Modeling.Registry;

/// <summary>
/// What makes two registrations the same version: the same model bytes trained on the same data with the same
/// configuration. Registering it again maps to the existing version instead of a new one.
/// </summary>
/// <param name="ModelSha256">SHA-256 of the model file.</param>
/// <param name="DataHash">Content hash of the training data.</param>
/// <param name="ConfigHash">Hash of the training configuration.</param>
public sealed record VersionIdentity(string ModelSha256, string DataHash, string ConfigHash)
{
    /// <summary>The identity of a version's metadata (hashes compared case-insensitively, as hex).</summary>
    public static VersionIdentity Of(ModelMetadata metadata) =>
        new(metadata.ModelSha256.ToLowerInvariant(), metadata.Lineage.DataHash.ToLowerInvariant(), metadata.Lineage.ConfigHash.ToLowerInvariant());
}
