using System.Text.Json;
using System.Text.Json.Serialization;

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
    /// <summary>Name of the dataset spec the model was trained for.</summary>
    public string Dataset { get; init; } = "";
    /// <summary>File name of the model inside the version folder.</summary>
    public string ModelFile { get; init; } = RegistryLayout.ModelFile;
    /// <summary>SHA-256 (hex) of the model file, checked on every load.</summary>
    public string ModelSha256 { get; init; } = "";
    /// <summary>Size in bytes of the model file, to tell truncation from tampering.</summary>
    public long ModelBytes { get; init; }
    /// <summary>Content hash of the training data.</summary>
    public string DataHash { get; init; } = "";
    /// <summary>Hash of the training configuration's model-relevant settings.</summary>
    public string ConfigHash { get; init; } = "";
    /// <summary>Git commit of the repository when trained ("-dirty" appended when it had uncommitted changes).</summary>
    public string GitCommit { get; init; } = "";
    /// <summary>The run history id of the training run.</summary>
    public string RunId { get; init; } = "";
    /// <summary>Trainer name (LightGbm, FastTree, FastForest).</summary>
    public string Trainer { get; init; } = "";
    /// <summary>Hyperparameters of the model.</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = new Dictionary<string, double>();

    /// <summary>The cause models combined with the whole-label model by noisy-OR; null when there are none.</summary>
    public IReadOnlyList<Configuration.CauseModelSettings>? Causes { get; init; }
    /// <summary>Decision threshold on the probability.</summary>
    public double Threshold { get; init; }
    /// <summary>Held-out metrics by name (accuracy, precision, recall, f1, rocAuc, prAuc, logLoss).</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();
    /// <summary>The production version when this one was registered (its champion), else the latest version; null for the first.</summary>
    public int? ParentVersion { get; init; }
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
            return JsonSerializer.Deserialize<ModelMetadata>(File.ReadAllText(path), Json)
                ?? throw new ModelingException($"Model metadata {path} is empty (null); the version cannot be used until it is restored.");
        }
        catch (JsonException e)
        {
            throw new ModelingException($"Model metadata {path} is not valid {Pipeline.Data.JsonProblem.Describe(e)}; the version cannot be used until it is restored.", e);
        }
    }

    /// <summary>The metadata as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
