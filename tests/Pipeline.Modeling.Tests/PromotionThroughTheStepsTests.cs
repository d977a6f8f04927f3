using Pipeline.Modeling.Registry;

namespace Pipeline.Modeling.Tests;

/// <summary>
/// The promotion rule end to end through Train, Evaluate and Register: a challenger that clearly beats production
/// on the same held-out rows is promoted; one that ties stays staging and the build says why, with the interval; the
/// same model registered again maps to its version.
/// </summary>
public class PromotionThroughTheStepsTests
{
    // Gates wide open and no snapshot needed: this test is about promotion, not the gate.
    const string Gate = """ "gate": { "onMissingSnapshot": "warn", "tolerances": { "accuracy": 1, "precision": 1, "recall": 1, "f1": 1, "rocAuc": 1, "prAuc": 1, "logLoss": 1 } } """;
    const string Stumps = "{ \"crossValidationFolds\": 3, \"parameters\": { \"numberOfIterations\": 2, \"numberOfLeaves\": 2 }, " + Gate + " }";

    static string Fast(int seed) => SimulatedData.FastConfiguration.Replace("\"crossValidationFolds\": 3,", $"\"crossValidationFolds\": 3, \"seed\": {seed}, {Gate},");

    [Fact]
    public void AClearWinIsPromoted_ATieStaysStagingWithTheInterval_AndTheSameModelIsNotRegisteredAgain()
    {
        using var root = new TemporaryDirectory();
        var messages = new List<string>();
        var ops = new LifecycleSteps(root.Path, "ai4i2020", messages.Add, m => messages.Add("warning: " + m));
        var data = SimulatedData.Load();
        void TrainEvaluateRegister(string configuration)
        {
            SimulatedData.WriteConfiguration(root.Path, configuration);
            ops.Train(data);
            ops.Evaluate(data, true);
        }

        TrainEvaluateRegister(Stumps);
        var weak = ops.Register(data).Version;
        Assert.Equal(weak, ops.Registry.Stages.Production);

        TrainEvaluateRegister(Fast(42));
        var strong = ops.Register(data).Version;
        Assert.Equal(strong, ops.Registry.Stages.Production);
        Assert.Contains(messages, m => m.StartsWith($"Version {strong} is now production: against production v{weak}, promoted: PR AUC +", StringComparison.Ordinal) && m.Contains("% interval ["));

        // Another seed of the same configuration: a different configuration hash, the same quality.
        TrainEvaluateRegister(Fast(7));
        var tie = ops.Register(data).Version;
        Assert.NotEqual(strong, tie);
        Assert.Equal(strong, ops.Registry.Stages.Production);
        Assert.Equal(tie, ops.Registry.Stages.Staging);
        Assert.Contains(messages, m => m.StartsWith($"Version {tie} is staging: it did not clear the promotion rule against production v{strong}: stays staging: PR AUC ", StringComparison.Ordinal) && m.Contains("% interval ["));

        var again = new Steps.RegisterStep(ops.Paths, Steps.StepLog.None).Register(data);
        Assert.Equal((RegistrationOutcome.AlreadyRegistered, tie), (again.Outcome, again.Version));
        Assert.Contains($"is already registered as version {tie}", again.Message);
        Assert.Equal([weak, strong, tie], ops.Registry.Versions);
    }
}
