using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Data.Features;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Training;

namespace Pipeline.Serving.Tests;

/// <summary>
/// A small real model for tests: the repository's ai4i2020 spec on 2,000 simulator rows, trained once per test
/// process with Modeling's trainer and cause models like the committed configuration's (so the service is tested on
/// the composite model it serves in production), and registered (as a new version each call) in a registry folder
/// the test owns.
/// </summary>
public static class TestModel
{
    private static readonly Lazy<Trained> Model = new(Train);

    /// <summary>The failure-mode columns the test model has cause models for, in order.</summary>
    public static readonly string[] CauseNames = ["HDF", "PWF", "OSF", "TWF"];

    /// <summary>
    /// Registers the trained model as a new version of the registry at <paramref name="registryDirectory"/>; returns the
    /// version folder. Without covers it is a version as registered before explanations existed; <paramref name="extraFiles"/>
    /// go into the version too.
    /// </summary>
    public static string RegisterVersion(string registryDirectory, bool withTreeCovers = true, IReadOnlyDictionary<string, string>? extraFiles = null)
    {
        var model = Model.Value;
        var files = (withTreeCovers ? model.Files : model.Files.Where(f => f.Key != RegistryLayout.TreeCoversFile)).Concat(extraFiles ?? new Dictionary<string, string>()).ToDictionary();
        var metadata = new ModelRegistry(registryDirectory).Register(new ModelRegistration(model.ModelPath, model.Metadata, files));
        return new ModelRegistry(registryDirectory).VersionDirectory(metadata.Version);
    }

    /// <summary>The version's input example, one record.</summary>
    public static JsonObject InputExample(string versionDirectory) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(versionDirectory, "input-example.json"))) switch
        {
            JsonArray array => array[0]!.DeepClone().AsObject(),
            var node => node!.AsObject(),
        };

    /// <summary>Flips one byte in the middle of the version's model.zip, so its SHA-256 no longer matches.</summary>
    public static void Tamper(string versionDirectory)
    {
        var path = Path.Combine(versionDirectory, "model.zip");
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
    }

    private sealed record Trained(string ModelPath, ModelMetadata Metadata, IReadOnlyDictionary<string, string> Files);

    private static Trained Train()
    {
        var root = RepositoryRoot.Path;
        var spec = DatasetSpec.Load(Path.Combine(root, "data", "ai4i2020.json"));
        spec = spec with { Source = spec.Source with { Simulator = spec.Source.Simulator! with { Rows = 2_000, Seed = 7 } } };
        Dataset data;
        using (var source = DataSource.OpenSimulator(spec.Source.Simulator!))
        {
            data = DatasetLoader.Load(spec, source);
        }
        var vectorizer = new FeatureVectorizer(spec);
        var rows = new float[data.RowCount][];
        var labels = new bool[data.RowCount];
        for (var row = 0; row < data.RowCount; row++)
        {
            rows[row] = new float[vectorizer.Width];
            vectorizer.Vectorize(data, row, rows[row]);
            labels[row] = vectorizer.Label(data, row);
        }
        var matrix = new FeatureMatrix(vectorizer.FeatureNames, rows, labels);
        var folds = Enumerable.Range(0, 3).Select(f => (IReadOnlyList<int>)Enumerable.Range(0, data.RowCount).Where(i => i % 3 == f).ToList()).ToList();
        var defaults = TrainerCatalog.DefaultsOf(TrainerKind.LightGbm);
        var causes = CauseNames.Select(column =>
        {
            // Tool wear failure depends on tool wear alone; the others may use every feature.
            var uses = vectorizer.FeatureNames.Select(f => column != "TWF" || f == "Tool wear [min]").ToArray();
            var settings = new CauseModelSettings(column, column == "TWF" ? ["Tool wear [min]"] : [], TrainerKind.LightGbm, defaults);
            return new CauseTarget(settings, data.Boolean(column), uses);
        }).ToList();
        var trained = ModelTrainer.Train(matrix, folds, new TrainingConfiguration { CrossValidationFolds = 3 }, causes: causes);

        var directory = Directory.CreateTempSubdirectory("test-model-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(directory, recursive: true);
        var modelPath = Path.Combine(directory, "model.zip");
        trained.Save(modelPath);
        var example = new JsonObject();
        foreach (var field in vectorizer.InputSchema.Fields)
        {
            example[field.Name] = field.Kind switch
            {
                InputFieldKind.Numeric => JsonValue.Create(data.Numeric(field.Name)[0]),
                InputFieldKind.Boolean => JsonValue.Create(data.Boolean(field.Name)[0]),
                _ => JsonValue.Create(data.Text(field.Name)[0]),
            };
        }
        var exampleJson = example.ToJsonString();
        var metadata = new ModelMetadata
        {
            Lineage = new()
            {
                Dataset = spec.Name,
                DataHash = data.ContentHash,
                GitCommit = "test",
                Trainer = trained.Trainer.ToString(),
                Causes = trained.Causes,
                Threshold = trained.Threshold,
            },
            FeatureNames = trained.FeatureNames,
            InputExample = JsonDocument.Parse(exampleJson).RootElement.Clone(),
        };
        var files = new Dictionary<string, string>
        {
            ["spec.json"] = spec.ToJson(),
            ["input-schema.json"] = vectorizer.InputSchema.ToJson(),
            ["input-example.json"] = exampleJson,
            [RegistryLayout.TreeCoversFile] = Pipeline.Modeling.Scoring.TreeCoverCounter.Count(modelPath, matrix).ToJson(),
        };
        return new Trained(modelPath, metadata, files);
    }
}
