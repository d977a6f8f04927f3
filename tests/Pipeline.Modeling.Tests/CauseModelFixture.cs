using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Training;
using Pipeline.Modeling.Features;

namespace Pipeline.Modeling.Tests;

/// <summary>
/// A model with three cause models, trained once for the cause model tests: directly by <see cref="ModelTrainer"/>
/// (kept in memory, saved to <see cref="DirectModelPath"/>) and by <see cref="LifecycleSteps"/> (trained, evaluated and
/// registered in <see cref="Root"/>), on the same small simulated data.
/// </summary>
public sealed class CauseModelFixture : IDisposable
{
    /// <summary><see cref="SimulatedData.FastConfiguration"/> plus cause models; TWF's sees tool wear only.</summary>
    public const string Configuration = """
        { "trainer": "LightGbm", "crossValidationFolds": 3,
          "parameters": { "numberOfLeaves": 8, "minimumExampleCountPerLeaf": 10, "numberOfIterations": 60, "learningRate": 0.1 },
          "causes": [
            { "column": "HDF", "parameters": { "numberOfLeaves": 4 } },
            { "column": "OSF", "parameters": { "numberOfLeaves": 4 } },
            { "column": "TWF", "features": ["Tool wear [min]"], "parameters": { "numberOfLeaves": 2, "numberOfIterations": 30 } }
          ] }
        """;

    /// <summary>Member names in file order: the whole-label model, then the causes as configured.</summary>
    public static readonly string[] MemberNames = ["label", "HDF", "OSF", "TWF"];

    public CauseModelFixture()
    {
        var data = SimulatedData.Load();
        Features = DatasetFeatures.From(data);
        var configuration = TrainingConfigurationLoader.Parse(Configuration, "test");
        Model = ModelTrainer.Train(Features.Train, Features.TrainingFolds(configuration.CrossValidationFolds, configuration.Seed), configuration,
            causes: Features.CauseTargets(configuration));
        Model.Save(DirectModelPath);

        SimulatedData.WriteConfiguration(Root.Path, Configuration);
        Ops = new LifecycleSteps(Root.Path, "ai4i2020");
        Summary = Ops.Train(data);
        try { Ops.Evaluate(data, true); } catch (ModelingException) { Ops.AcceptMetrics(); }
        Ops.Evaluate(data, true);
        Metadata = Ops.Register(data);
        VersionDirectory = Ops.Registry.VersionDirectory(Metadata.Version);
    }

    public TemporaryDirectory Root { get; } = new();
    public DatasetFeatures Features { get; }
    public TrainedModel Model { get; }
    public string DirectModelPath => Root["direct-model.zip"];
    public LifecycleSteps Ops { get; }
    public TrainingSummary Summary { get; }
    public ModelMetadata Metadata { get; }
    public string VersionDirectory { get; }

    public void Dispose() => Root.Dispose();
}

[CollectionDefinition(Name)]
public sealed class CauseModelCollection : ICollectionFixture<CauseModelFixture>
{
    public const string Name = "cause models";
}
