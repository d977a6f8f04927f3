using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Modeling.Provenance;

namespace Pipeline.Modeling.Registry;

/// <summary>
/// Everything recorded about one registered model version (<c>versions/&lt;n&gt;/metadata.json</c>): where it came
/// from (data, configuration, commit, run), what it is (trainer, parameters, features, threshold, input schema and
/// example) and how good it was (held-out metrics). Immutable once registered.
/// </summary>
public sealed record ModelMetadata
{
    /// <summary>The version number, 1, 2, … in registration order.</summary>
    public int Version { get; init; }
    /// <summary>When it was registered (UTC).</summary>
    public DateTimeOffset CreatedUtc { get; init; }
    /// <summary>Where the model came from: run, data, configuration, commit, trainer, parameters, causes, threshold, parent version.</summary>
    [JsonIgnore]
    public Lineage Lineage { get; init; } = new();
    /// <summary>File name of the model inside the version folder.</summary>
    public string ModelFile { get; init; } = RegistryLayout.ModelFile;
    /// <summary>SHA-256 (hex) of the model file, checked on every load.</summary>
    public string ModelSha256 { get; init; } = "";
    /// <summary>Size in bytes of the model file, to tell truncation from tampering.</summary>
    public long ModelBytes { get; init; }
    /// <summary>Held-out metrics by name (accuracy, precision, recall, f1, rocAuc, prAuc, logLoss).</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();
    /// <summary>Names of the feature vector's slots.</summary>
    public IReadOnlyList<string> FeatureNames { get; init; } = [];
    /// <summary>The input schema a scoring request must follow (also in input-schema.json).</summary>
    public JsonElement? InputSchema { get; init; }
    /// <summary>An example scoring request (also in input-example.json).</summary>
    public JsonElement? InputExample { get; init; }

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="ModelingException">The file is missing or not valid metadata.</exception>
    public static ModelMetadata Read(string path)
    {
        if (!File.Exists(path)) throw new ModelingException($"Model metadata {path} does not exist; this is not a registered model version folder.");
        try
        {
            var (metadata, lineage) = FlatLineageJson.Deserialize<ModelMetadata>(File.ReadAllText(path), Json);
            return metadata is null || lineage is null
                ? throw new ModelingException($"Model metadata {path} is empty (null); the version cannot be used until it is restored.")
                : metadata with { Lineage = lineage };
        }
        catch (JsonException e)
        {
            throw new ModelingException($"Model metadata {path} is not valid {Pipeline.Data.JsonProblem.Describe(e)}; the version cannot be used until it is restored.", e);
        }
    }

    /// <summary>Reads metadata from its JSON text (as <see cref="ToJson"/> writes it, or the older flat shape); <paramref name="where"/> names it in messages.</summary>
    /// <exception cref="ModelingException">The text is not valid metadata.</exception>
    public static ModelMetadata Parse(string json, string where)
    {
        try
        {
            var (metadata, lineage) = FlatLineageJson.Deserialize<ModelMetadata>(json, Json);
            return metadata is null || lineage is null
                ? throw new ModelingException($"Model metadata {where} is empty (null); the version cannot be used until it is restored.")
                : metadata with { Lineage = lineage };
        }
        catch (JsonException e)
        {
            throw new ModelingException($"Model metadata {where} is not valid {Pipeline.Data.JsonProblem.Describe(e)}; the version cannot be used until it is restored.", e);
        }
    }

    /// <summary>The metadata as indented JSON.</summary>
    public string ToJson() => FlatLineageJson.Serialize(this, Lineage, Json);
}
