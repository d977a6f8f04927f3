using Pipeline.Modeling.Registry;

namespace Pipeline.Modeling.Tests.RegistrySemantics;

/// <summary>A registry in a temporary folder, and registrations of small stand-in model files.</summary>
public sealed class RegistryFixture : IDisposable
{
    readonly TemporaryDirectory folder = new();
    int files;

    public RegistryFixture() => Registry = new ModelRegistry(folder["registry"]);

    public ModelRegistry Registry { get; }

    public string this[string relative] => folder[relative];

    /// <summary>A request for a model whose bytes are <paramref name="model"/>, trained on data <paramref name="dataHash"/>.</summary>
    public RegistrationRequest Request(string model, string dataHash = "data-1", string configHash = "config-1", ModelStage? stage = null, string dataSource = "data/a.csv")
    {
        var path = folder[$"model-{Interlocked.Increment(ref files)}.zip"];
        File.WriteAllText(path, model);
        return new RegistrationRequest(new ModelRegistration(path,
            new ModelMetadata { Lineage = new() { Dataset = "d", Trainer = "LightGbm", DataHash = dataHash, ConfigHash = configHash, RunId = $"run-{model}", GitCommit = "abc123" }, Metrics = new Dictionary<string, double> { ["f1"] = 0.9, ["rocAuc"] = 0.95, ["prAuc"] = 0.8 } },
            new Dictionary<string, string> { ["spec.json"] = """{ "name": "d" }""", ["input-example.json"] = "{}" }))
        {
            DataSource = dataSource,
            ChooseStage = stage is { } s ? _ => new StageDecision(s, "test") : null,
        };
    }

    /// <summary>Registers <paramref name="model"/> (production when nothing is, else staging).</summary>
    public RegistrationResult Register(string model, string dataHash = "data-1") =>
        Registry.Register(Request(model, dataHash) with
        {
            ChooseStage = stages => new StageDecision(stages.Production is null ? ModelStage.Production : ModelStage.Staging, "test"),
        });

    public IReadOnlyList<string> EventFiles() =>
        Directory.Exists(Registry.Events.Directory) ? Directory.GetFiles(Registry.Events.Directory).Select(Path.GetFileName).Order().ToList()! : [];

    public void Dispose() => folder.Dispose();
}
