using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Features;

namespace Pipeline.Modeling.Tests;

/// <summary>Evaluate on data that has no verified snapshot yet (Retrain's case): the floors decide when the caller allows it.</summary>
public class EvaluateWithoutSnapshotTests
{
    [Fact]
    public void Evaluate_OfDataWithoutASnapshot_PassesOnTheFloors_WhenTheCallerAllowsIt()
    {
        using var root = new TemporaryDirectory();
        SimulatedData.WriteConfiguration(root.Path, SimulatedData.FastConfiguration);
        var data = SimulatedData.Load();
        var ops = new LifecycleSteps(root.Path, "ai4i2020");
        ops.Train(data);

        Assert.Throws<ModelingException>(() => ops.Evaluate(data, isEmbeddedDefault: false));
        var result = ops.Evaluate(data, isEmbeddedDefault: false, onMissingSnapshot: MissingSnapshotPolicy.Warn);

        Assert.True(result.Test.Rows > 0);
    }

    [Fact]
    public void Evaluate_OfDataWithoutASnapshot_BelowAFloor_FailsNamingTheFloorNotTheMissingSnapshot()
    {
        using var root = new TemporaryDirectory();
        SimulatedData.WriteConfiguration(root.Path, """
            { "trainer": "LightGbm", "crossValidationFolds": 3,
              "parameters": { "numberOfLeaves": 8, "minimumExampleCountPerLeaf": 10, "numberOfIterations": 60, "learningRate": 0.1 },
              "gate": { "floors": { "accuracy": 0.9999 } } }
            """);
        var data = SimulatedData.Load();
        var ops = new LifecycleSteps(root.Path, "ai4i2020");
        ops.Train(data);

        var error = Assert.Throws<ModelingException>(() => ops.Evaluate(data, isEmbeddedDefault: false, onMissingSnapshot: MissingSnapshotPolicy.Warn));

        Assert.Contains("is past its floor 0.9999 (gate.floors in ", error.Message);
        Assert.DoesNotContain("No verified metric snapshot", error.Message);
        Assert.DoesNotContain("AcceptMetrics", error.Message);
    }
}
