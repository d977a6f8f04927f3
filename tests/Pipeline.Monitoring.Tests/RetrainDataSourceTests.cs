using Pipeline.Data;


namespace Pipeline.Monitoring.Tests;

/// <summary>Which labelled CSV Retrain trains on, and the sentences it gives when there is none.</summary>
public class RetrainDataSourceTests
{
    [Fact]
    public void AMissingRetrainDataFile_IsNamedWithTheRetrainDataOption_NotData()
    {
        using var root = new TemporaryDirectory();
        var missing = root["recent.csv"];

        var error = Assert.Throws<DataException>(() => RetrainDataSource.Resolve(SimulatedData.Spec(), current: null, retrainData: missing));

        Assert.Contains(missing, error.Message);
        Assert.Contains("--retrain-data", error.Message);
        Assert.DoesNotContain("--data ", error.Message);
    }

    [Fact]
    public void ARetrainDataFolder_IsRejectedAsNotACsvFile()
    {
        using var root = new TemporaryDirectory();

        var error = Assert.Throws<DataException>(() => RetrainDataSource.Resolve(SimulatedData.Spec(), current: null, retrainData: root.Path));

        Assert.Contains("--retrain-data", error.Message);
        Assert.Contains("folder", error.Message);
    }

    [Fact]
    public void AnInferenceLogAsCurrent_WithoutRetrainData_AsksForLabelledData()
    {
        using var root = new TemporaryDirectory();
        var log = root["inference-20261126T0000000000000-000000.jsonl"];
        File.WriteAllText(log, "{}\n");

        var fromFile = Assert.Throws<DataException>(() => RetrainDataSource.Resolve(SimulatedData.Spec(), current: log, retrainData: null));
        var fromFolder = Assert.Throws<DataException>(() => RetrainDataSource.Resolve(SimulatedData.Spec(), current: root.Path, retrainData: null));

        Assert.All([fromFile, fromFolder], e => Assert.Contains("--retrain-data", e.Message));
        Assert.Contains("no labels", fromFolder.Message);
    }

    [Fact]
    public void ACsvAsCurrent_IsTheRetrainingData_UnlessRetrainDataIsGiven()
    {
        using var root = new TemporaryDirectory();
        var current = root["current.csv"];
        var recent = root["recent.csv"];
        File.WriteAllText(current, "a\n");
        File.WriteAllText(recent, "a\n");

        Assert.Equal(current, RetrainDataSource.Resolve(SimulatedData.Spec(), current, retrainData: null));
        Assert.Equal(recent, RetrainDataSource.Resolve(SimulatedData.Spec(), current, retrainData: recent));
    }
}
