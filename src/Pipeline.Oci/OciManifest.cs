using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Oci;

/// <summary>An OCI content descriptor: what a manifest says about one blob.</summary>
public sealed record OciDescriptor(
    [property: JsonPropertyName("mediaType")] string MediaType,
    [property: JsonPropertyName("digest")] string Digest,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("annotations")] IReadOnlyDictionary<string, string>? Annotations = null)
{
    /// <summary>The <c>org.opencontainers.image.title</c> annotation: the file name of a layer.</summary>
    [JsonIgnore]
    public string? Title => Annotations is not null && Annotations.TryGetValue(OciManifest.TitleAnnotation, out var title) ? title : null;
}

/// <summary>An OCI image manifest used as an artifact manifest (ORAS style): a config blob and file layers.</summary>
public sealed record OciManifest(
    [property: JsonPropertyName("schemaVersion")] int SchemaVersion,
    [property: JsonPropertyName("mediaType")] string MediaType,
    [property: JsonPropertyName("artifactType")] string? ArtifactType,
    [property: JsonPropertyName("config")] OciDescriptor Config,
    [property: JsonPropertyName("layers")] IReadOnlyList<OciDescriptor> Layers,
    [property: JsonPropertyName("annotations")] IReadOnlyDictionary<string, string>? Annotations = null)
{
    /// <summary>The OCI image manifest media type.</summary>
    public const string ImageManifestMediaType = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>The annotation that names a layer's file.</summary>
    public const string TitleAnnotation = "org.opencontainers.image.title";

    /// <summary>The annotation with the creation time.</summary>
    public const string CreatedAnnotation = "org.opencontainers.image.created";

    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>A manifest of <paramref name="artifactType"/> with <paramref name="config"/> and <paramref name="layers"/>.</summary>
    public static OciManifest Create(string artifactType, OciDescriptor config, IReadOnlyList<OciDescriptor> layers, IReadOnlyDictionary<string, string>? annotations = null) =>
        new(2, ImageManifestMediaType, artifactType, config, layers, annotations);

    /// <summary>The manifest's canonical bytes (what is pushed, and what its digest is of).</summary>
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Options);

    /// <summary>Reads a manifest.</summary>
    /// <exception cref="OciException">The bytes are not an OCI image manifest.</exception>
    public static OciManifest Parse(byte[] bytes, string where)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize<OciManifest>(bytes, Options);
            if (manifest is null || manifest.SchemaVersion != 2 || manifest.Config is null || manifest.Layers is null)
                throw new OciException($"The manifest {where} is not an OCI image manifest (schemaVersion 2 with config and layers).");
            return manifest;
        }
        catch (JsonException e)
        {
            throw new OciException($"The manifest {where} is not valid JSON ({e.Message}).", inner: e);
        }
    }
}
