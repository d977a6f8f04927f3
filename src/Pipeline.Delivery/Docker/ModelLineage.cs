using System.Globalization;
using Pipeline.Modeling.Registry;

namespace Pipeline.Delivery.Docker;

/// <summary>
/// Where a registered model came from, as image labels carry it: version, dataset, the content hash of the
/// training data and of the model file, and the commit. Read from the version folder's <c>metadata.json</c>.
/// </summary>
/// <param name="Version">The model's registry version.</param>
/// <param name="Dataset">The dataset the model was trained on.</param>
/// <param name="DataHash">SHA-256 of the training data, when recorded.</param>
/// <param name="ModelHash">SHA-256 of <c>model.zip</c>, when recorded.</param>
/// <param name="Commit">The commit the model was trained from, when recorded.</param>
public sealed record ModelLineage(string Version, string Dataset, string? DataHash, string? ModelHash, string? Commit)
{
    /// <summary>Reads the lineage of the model in <paramref name="versionDirectory"/> from its metadata.json.</summary>
    /// <exception cref="Pipeline.Modeling.ModelingException">metadata.json is missing or invalid.</exception>
    public static ModelLineage Read(string versionDirectory) =>
        Of(ModelMetadata.Read(RegistryLayout.MetadataPath(versionDirectory)));

    /// <summary>The lineage recorded in <paramref name="metadata"/>, for a caller that has already read it.</summary>
    public static ModelLineage Of(ModelMetadata metadata) =>
        new(
            metadata.Version.ToString(CultureInfo.InvariantCulture),
            metadata.Lineage.Dataset,
            NullIfEmpty(metadata.Lineage.DataHash),
            NullIfEmpty(metadata.ModelSha256),
            NullIfEmpty(metadata.Lineage.GitCommit));

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>The image labels that carry this lineage (OCI names where one exists).</summary>
    public IReadOnlyDictionary<string, string> ToLabels(string commit)
    {
        var labels = new Dictionary<string, string>
        {
            ["org.opencontainers.image.title"] = $"{Dataset} scoring service",
            // Replaces the base image's description, which labels inherit.
            ["org.opencontainers.image.description"] = $"Scores {Dataset} records with registered model version {Version}",
            ["org.opencontainers.image.version"] = Version,
            ["org.opencontainers.image.revision"] = commit,
            ["pipeline.model.version"] = Version,
            ["pipeline.model.dataset"] = Dataset,
        };
        if (DataHash is not null) labels["pipeline.data.sha256"] = DataHash;
        if (ModelHash is not null) labels["pipeline.model.sha256"] = ModelHash;
        if (Commit is not null) labels["pipeline.model.commit"] = Commit;
        return labels;
    }
}
