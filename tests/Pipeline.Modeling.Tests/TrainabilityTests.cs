using Pipeline.Data.Loading;
using Pipeline.Data.Simulation;
using Pipeline.Modeling.Features;

namespace Pipeline.Modeling.Tests;

/// <summary>
/// Data a classifier cannot honestly be trained or evaluated on (one class, fewer positives than cross-validation
/// folds, a test split without positives) is refused before training with a sentence saying what to change, and
/// Train writes nothing.
/// </summary>
public class TrainabilityTests
{
    /// <summary>A CSV of simulated AI4I rows with exactly <paramref name="negatives"/> and <paramref name="positives"/> rows.</summary>
    static string Csv(TemporaryDirectory folder, int negatives, int positives)
    {
        using var text = new StringWriter();
        new Ai4iSimulator(20_000, 5).WriteCsv(text);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var failed = (string line) => line.Split(',')[8] == "1";
        var rows = lines.Skip(1).Where(l => !failed(l)).Take(negatives).Concat(lines.Skip(1).Where(failed).Take(positives));
        var path = folder[$"{negatives}-{positives}.csv"];
        File.WriteAllLines(path, rows.Prepend(lines[0]));
        return path;
    }

    static (LifecycleSteps Ops, Dataset Data) Setup(TemporaryDirectory root, string configuration, int negatives, int positives)
    {
        SimulatedData.WriteConfiguration(root.Path, configuration);
        var data = DatasetLoader.Load(SimulatedData.Spec(), SimulatedData.RepositoryRoot, Csv(root, negatives, positives));
        return (new LifecycleSteps(root.Path, "ai4i2020"), data);
    }

    [Fact]
    public void FewerPositivesThanFolds_IsRefused_NamingTheFoldsSettingAndItsFile()
    {
        using var root = new TemporaryDirectory();
        var (ops, data) = Setup(root, """{ "crossValidationFolds": 5 }""", negatives: 300, positives: 4);

        var error = Assert.Throws<ModelingException>(() => ops.Train(data));

        Assert.Contains("3 positive", error.Message);
        Assert.Contains("too few for 5-fold cross-validation", error.Message);
        Assert.Contains("crossValidationFolds (at least 2, at most 3)", error.Message);
        Assert.Contains(ops.Paths.ConfigurationPath, error.Message);
        Assert.False(File.Exists(ops.Paths.ModelPath));
        Assert.Empty(ops.Runs.List());
    }

    [Fact]
    public void OneClassOnly_IsRefused_BecauseOneClassCannotBeLearned()
    {
        using var root = new TemporaryDirectory();
        var (ops, data) = Setup(root, SimulatedData.FastConfiguration, negatives: 300, positives: 0);

        var error = Assert.Throws<ModelingException>(() => ops.Train(data));

        Assert.Contains("0 positive rows out of 240", error.Message);
        Assert.Contains("one class cannot be learned", error.Message);
        Assert.False(File.Exists(ops.Paths.ModelPath));
    }

    [Fact]
    public void ATestSplitWithoutPositives_IsRefusedBeforeTraining_NamingTheSplitSetting()
    {
        using var root = new TemporaryDirectory();
        // Two positives: 20 % of them rounds to none held out, so the test split would have one class.
        var (ops, data) = Setup(root, """{ "crossValidationFolds": 2 }""", negatives: 300, positives: 2);

        var error = Assert.Throws<ModelingException>(() => ops.Train(data));

        Assert.Contains("held-out test split", error.Message);
        Assert.Contains("has 0 row(s) whose 'Machine failure' is '1'", error.Message);
        Assert.Contains("split.testFraction", error.Message);
        Assert.False(File.Exists(ops.Paths.ModelPath));
    }
}
