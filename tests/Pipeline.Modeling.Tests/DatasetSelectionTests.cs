using Pipeline.Modeling.Steps;

namespace Pipeline.Modeling.Tests;

/// <summary>--dataset and --data as the build's incremental targets see them: which files and values decide that the data changed.</summary>
public class DatasetSelectionTests
{
    [Fact]
    public void TheSpecsOwnSource_IsHashedAsSpecAndSchema_AndIsTheEmbeddedDefault()
    {
        var selection = new DatasetSelection(SimulatedData.RepositoryRoot, "ai4i2020", null);

        Assert.Equal([Path.Combine(SimulatedData.RepositoryRoot, "data", "ai4i2020.json"), Path.Combine(SimulatedData.RepositoryRoot, "data", "ai4i2020.schema.json")],
            selection.InputFiles().Select(Path.GetFullPath));
        Assert.Equal(["ai4i2020", ""], selection.InputValues());
        Assert.True(selection.IsEmbeddedDefault);
        Assert.Equal(new Workspace(SimulatedData.RepositoryRoot, "ai4i2020"), selection.Workspace);
    }

    [Fact]
    public void AGivenDataFile_IsHashedToo_AndNamedInTheValues()
    {
        using var root = new TemporaryDirectory();
        var csv = root["recent.csv"];
        File.WriteAllText(csv, "x");

        var selection = new DatasetSelection(SimulatedData.RepositoryRoot, "ai4i2020", csv);

        Assert.Equal(csv, selection.InputFiles().Last());
        Assert.Equal(["ai4i2020", csv], selection.InputValues());
        Assert.False(selection.IsEmbeddedDefault);
    }
}
