using Pipeline.Modeling.Runs;

namespace Pipeline.Modeling.Tests;

public class RunHistoryTests
{
    static RunRecord Run(string id, double leaves, double f1) => new()
    {
        Lineage = new()
        {
            RunId = id, Dataset = "ai4i2020", Trainer = "LightGbm", DataHash = "abc", ConfigHash = "def",
            Parameters = new Dictionary<string, double> { ["numberOfLeaves"] = leaves, ["learningRate"] = 0.05 },
        },
        StartedUtc = DateTimeOffset.UnixEpoch,
        TestMetrics = new Dictionary<string, double> { ["f1"] = f1, ["rocAuc"] = 0.98 },
    };

    [Fact]
    public void SavedRuns_AreListedOldestFirst_AndFoundByIdPrefix()
    {
        using var folder = new TemporaryDirectory();
        var history = new RunHistory(folder.Path);
        history.Save(Run("20260101-000002-bbbbbb", 8, 0.9));
        history.Save(Run("20260101-000001-aaaaaa", 16, 0.8));

        Assert.Equal(["20260101-000001-aaaaaa", "20260101-000002-bbbbbb"], history.List().Select(r => r.Lineage.RunId));
        Assert.Equal(16, history.Find("20260101-000001").Lineage.Parameters["numberOfLeaves"]);
        Assert.Contains("matches 2 runs", Assert.Throws<ModelingException>(() => history.Find("20260101")).Message);
        Assert.Contains("No run 'zzz'", Assert.Throws<ModelingException>(() => history.Find("zzz")).Message);
    }

    [Fact]
    public void Compare_MarksOnlyTheRowsThatDiffer()
    {
        var table = RunTable.Compare([Run("a", 8, 0.9), Run("b", 16, 0.9)]);
        var lines = table.Split('\n');
        Assert.StartsWith("* param numberOfLeaves", Assert.Single(lines, l => l.Contains("param numberOfLeaves")));
        Assert.StartsWith("  param learningRate", Assert.Single(lines, l => l.Contains("param learningRate")));
        Assert.StartsWith("  test f1", Assert.Single(lines, l => l.Contains("test f1")));
    }

    [Fact]
    public void Update_ReplacesTheRecord()
    {
        using var folder = new TemporaryDirectory();
        var history = new RunHistory(folder.Path);
        history.Save(Run("r1", 8, 0.9));
        history.Update("r1", r => r with { Lineage = r.Lineage with { Threshold = 0.42 } });
        Assert.Equal(0.42, history.Find("r1").Lineage.Threshold);
    }

    [Fact]
    public void ADamagedRecord_DoesNotBlockUpdatingAnotherRun_ButListingNamesIt()
    {
        using var folder = new TemporaryDirectory();
        var history = new RunHistory(folder.Path);
        history.Save(Run("r1", 8, 0.9));
        var damaged = Path.Combine(folder.Path, "r0.json");
        File.WriteAllText(damaged, "garbage");

        history.Update("r1", r => r with { Lineage = r.Lineage with { Threshold = 0.5 } });

        Assert.Equal(0.5, history.Find("r1").Lineage.Threshold);
        var error = Assert.Throws<ModelingException>(() => history.List());
        Assert.Contains(damaged, error.Message);
        Assert.Contains("(line 1)", error.Message);
        Assert.DoesNotContain("BytePositionInLine", error.Message);
    }

    [Fact]
    public void ListAndCompare_ShowEachRunsDataset()
    {
        var list = RunTable.List([Run("r1", 8, 0.9)]).Split('\n');
        var compare = RunTable.Compare([Run("r1", 8, 0.9), Run("r2", 8, 0.9)]).Split('\n');

        Assert.StartsWith("run id                  dataset  trainer", list[0]);
        Assert.StartsWith("r1                      ai4i2020 LightGbm", list[1]);
        Assert.Contains(compare, l => l.StartsWith("  dataset ") && l.Contains("ai4i2020"));
    }

    [Fact]
    public void EachDatasetsRuns_LiveInItsOwnArtifactsFolder()
    {
        var a = new Steps.Workspace("/repo", "ai4i2020");
        var b = new Steps.Workspace("/repo", "ecommerce-conversion");

        Assert.Equal(Path.Combine("/repo", "artifacts", "ai4i2020", "runs"), a.RunsDirectory);
        Assert.Equal(Path.Combine("/repo", "artifacts", "ecommerce-conversion", "training", "model.zip"), b.ModelPath);
        Assert.Equal(Path.Combine("/repo", "artifacts", "ecommerce-conversion", "inference-log", "svc"), b.InferenceLogDirectory("svc"));
    }
}
