using System.Text.Encodings.Web;
using System.Text.Json;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Proposing;

/// <summary>
/// Writes a <see cref="SpecProposal"/> as a new dataset's files: <c>data/&lt;name&gt;.json</c>,
/// <c>data/&lt;name&gt;.schema.json</c> and <c>models/&lt;name&gt;/training.json</c> with generic training defaults.
/// Never overwrites: if any of them exists, nothing is written.
/// </summary>
public static class NewDatasetFiles
{
    /// <summary>
    /// The training configuration a new dataset starts from: the automatic search (a few generic candidates — a
    /// regularised LightGBM for small data, LightGBM's defaults, a random forest — scaled to the row count and chosen
    /// by out-of-fold PR AUC), no cause models (another dataset's tuning does worse on data it was not tuned for), and
    /// a gate with tolerances but no floors (the first accepted snapshot is the reference). The same as a dataset
    /// without a training configuration.
    /// </summary>
    public const string TrainingDefaults = """
        {
          // Written by ./build.sh NewDataset: generic defaults (keys in models/README.md). "search": "auto" lets
          // cross-validation on the training split choose among a few generic candidates (regularised LightGbm for
          // small data, LightGbm's defaults, a random forest), by out-of-fold PR AUC; no cause models, no floors.
          // Tune only with a measurement on held-out data.
          "search": "auto",
          "seed": 42,
          "crossValidationFolds": 5,
          "gate": {
            "tolerances": { "accuracy": 0.005, "precision": 0.02, "recall": 0.02, "f1": 0.01, "rocAuc": 0.005, "prAuc": 0.01, "logLoss": 0.01 },
            "onMissingSnapshot": "fail"
          }
        }

        """;

    // Spec JSON as a person writes it: quotes and non-ASCII letters in values left as they are (the file is reviewed).
    private static readonly JsonSerializerOptions ReadableJson = new(SpecJson.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The three files of dataset <paramref name="name"/> under <paramref name="rootDirectory"/>.</summary>
    public static (string Spec, string Schema, string Training) PathsFor(string rootDirectory, string name) => (
        Path.Combine(rootDirectory, "data", name + ".json"),
        Path.Combine(rootDirectory, "data", name + ".schema.json"),
        Path.Combine(rootDirectory, "models", name, "training.json"));

    /// <summary>Throws naming the first of the dataset's files that already exists.</summary>
    /// <exception cref="DataException">One of the files exists.</exception>
    public static void EnsureNew(string rootDirectory, string name)
    {
        var (spec, schema, training) = PathsFor(rootDirectory, name);
        foreach (var path in new[] { spec, schema, training })
            if (File.Exists(path))
                throw new DataException(
                    $"{Path.GetRelativePath(rootDirectory, path)} already exists; NewDataset never overwrites a dataset's files. Choose another name with --dataset, or delete the files of '{name}' first.",
                    path);
    }

    /// <summary>Writes the proposal's files; returns their paths.</summary>
    /// <exception cref="DataException">One of the files exists (nothing is written).</exception>
    public static (string Spec, string Schema, string Training) Write(string rootDirectory, SpecProposal proposal)
    {
        var name = proposal.Spec.Name;
        EnsureNew(rootDirectory, name);
        var paths = PathsFor(rootDirectory, name);
        Directory.CreateDirectory(Path.GetDirectoryName(paths.Spec)!);
        Directory.CreateDirectory(Path.GetDirectoryName(paths.Training)!);
        File.WriteAllText(paths.Spec, JsonSerializer.Serialize(proposal.Spec, ReadableJson) + "\n");
        var schema = proposal.Schema;
        if (Path.IsPathRooted(schema.InferredFrom))
            schema = schema with { InferredFrom = Path.GetRelativePath(rootDirectory, schema.InferredFrom) }; // no machine-specific path in a committed file
        schema.Save(paths.Schema);
        File.WriteAllText(paths.Training, TrainingDefaults);
        return paths;
    }
}
