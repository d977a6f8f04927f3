using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Training;
using Pipeline.Modeling.Features;

namespace Pipeline.Modeling.Tests;

/// <summary>
/// Promote (to production or staging) and Rollback refuse a version whose model file matches its registered size and
/// SHA-256 but cannot be loaded (here a composite whose combination rule this version does not know), naming the file,
/// and leave the stages as they were.
/// </summary>
public class UnloadableVersionIsNeverPutInFrontOfTrafficTests
{
    const string Configuration = """
        { "trainer": "LightGbm", "crossValidationFolds": 3,
          "parameters": { "numberOfLeaves": 8, "minimumExampleCountPerLeaf": 10, "numberOfIterations": 30, "learningRate": 0.1 },
          "causes": [ { "column": "HDF", "parameters": { "numberOfLeaves": 4 } } ],
          "gate": { "onMissingSnapshot": "warn" } }
        """;

    [Fact]
    public void PromoteAndRollback_ToAVersionThatMatchesItsHashButCannotBeLoaded_AreRefusedNamingTheFile()
    {
        using var root = new TemporaryDirectory();
        SimulatedData.WriteConfiguration(root.Path, Configuration);
        var data = SimulatedData.Load();
        var ops = new LifecycleSteps(root.Path, "ai4i2020");
        ops.Train(data);
        ops.Evaluate(data, true);
        var first = ops.Register(data).Version;
        // A second version of the same model (Register would map it to the first), through the registry's
        // always-new-version registration.
        var firstDirectory = ops.Registry.VersionDirectory(first);
        var second = ops.Registry.Register(new ModelRegistration(ops.Paths.ModelPath, ops.Registry.Metadata(first),
            new[] { "spec.json", "input-schema.json", "input-example.json" }.ToDictionary(f => f, f => File.ReadAllText(Path.Combine(firstDirectory, f))))).Version;
        ops.Promote(second, ModelStage.Production);
        var path = RegisteredVersionEdits.EditComposition(ops.Registry.VersionDirectory(first), text => text.Replace(CompositeModelFile.NoisyOr, "max"));
        var stagesBefore = File.ReadAllText(Path.Combine(ops.Paths.RegistryDirectory, "stages.json"));

        var rollback = Assert.Throws<ModelingException>(() => ops.Rollback());
        var promote = Assert.Throws<ModelingException>(() => ops.Promote(first, ModelStage.Staging));

        Assert.Equal($"Cannot roll back to version {first}: Model file {path}: composition.json combines its members by 'max', but this version knows only 'noisy-or'. The stages were not changed.", rollback.Message);
        Assert.Equal($"Version {first} cannot be given the stage staging: Model file {path}: composition.json combines its members by 'max', but this version knows only 'noisy-or'. The stages were not changed.", promote.Message);
        Assert.Equal(stagesBefore, File.ReadAllText(Path.Combine(ops.Paths.RegistryDirectory, "stages.json")));
        ops.Promote(first, ModelStage.Archived); // retiring it is still allowed
        Assert.Contains(first, ops.Registry.Stages.Archived);
    }
}
