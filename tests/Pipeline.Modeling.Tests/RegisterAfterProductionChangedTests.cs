using Pipeline.Modeling.Features;

namespace Pipeline.Modeling.Tests;

/// <summary>
/// Register decides production from Evaluate's champion vs challenger only when that champion is still production:
/// a model Evaluate never compared with the current production model goes to staging.
/// </summary>
public class RegisterAfterProductionChangedTests
{
    /// <summary>A repository in <paramref name="root"/> whose model is trained and evaluated (no snapshot needed); logs into <paramref name="messages"/>.</summary>
    static LifecycleSteps TrainedAndEvaluated(TemporaryDirectory root, List<string> messages, Pipeline.Data.Loading.Dataset data)
    {
        SimulatedData.WriteConfiguration(root.Path, SimulatedData.FastConfiguration.Replace("\"crossValidationFolds\": 3,", "\"crossValidationFolds\": 3, \"gate\": { \"onMissingSnapshot\": \"warn\" },"));
        var ops = new LifecycleSteps(root.Path, "ai4i2020", messages.Add);
        ops.Train(data);
        ops.Evaluate(data, true);
        return ops;
    }

    [Fact]
    public void ProductionRegisteredSinceEvaluate_IsNotReplacedByAModelNeverComparedWithIt()
    {
        using var root = new TemporaryDirectory();
        var data = SimulatedData.Load();
        var messages = new List<string>();
        var ops = TrainedAndEvaluated(root, messages, data); // no production yet: no champion in metrics.json

        var first = ops.Register(data);
        Assert.Equal(first.Version, ops.Registry.Stages.Production);
        var second = ops.Register(data); // the same metrics.json, which compared with nothing

        Assert.Equal(first.Version, ops.Registry.Stages.Production);
        Assert.Equal(second.Version, ops.Registry.Stages.Staging);
        Assert.Contains($"Version {second.Version} is staging: Evaluate did not compare it with production v{first.Version} (run the Evaluate target again to compare them, or promote it with ./build.sh Promote --model-version {second.Version} --stage production).", messages);
    }

    [Fact]
    public void ProductionRolledBackSinceEvaluate_IsNotReplacedOnAComparisonWithAnotherVersion()
    {
        using var root = new TemporaryDirectory();
        var data = SimulatedData.Load();
        var messages = new List<string>();
        var ops = TrainedAndEvaluated(root, messages, data);
        var v1 = ops.Register(data).Version;
        var v2 = ops.Register(data).Version;
        ops.Promote(v2, Registry.ModelStage.Production);
        ops.Evaluate(data, true); // compared with v2
        // The challenger is v2's twin, and a tie counts as a win: the question is which champion it beat.
        var metrics = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(ops.Paths.MetricsPath))!.AsObject();
        Assert.Equal(v2, metrics["champion"]!["version"]!.GetValue<int>());
        Assert.True(metrics["champion"]!["challengerWins"]!.GetValue<bool>());
        ops.Rollback(); // v1 is production again

        var v3 = ops.Register(data).Version;

        Assert.Equal(v1, ops.Registry.Stages.Production);
        Assert.Equal(v3, ops.Registry.Stages.Staging);
        Assert.Contains(messages, m => m.StartsWith($"Version {v3} is staging: Evaluate compared it with v{v2}, but production is now v{v1}", StringComparison.Ordinal));
    }
}
