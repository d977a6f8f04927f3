using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Gate;

namespace Pipeline.Modeling.Tests;

public class MetricGateTests
{
    const string Hash = "ec4ed737b27c4e65730e3b875626ddb4db005d79733f0fc1f59d72db467cd670";

    static readonly GateSettings Settings = new(
        new Dictionary<string, double> { ["f1"] = 0.01 },
        new Dictionary<string, double> { ["rocAuc"] = 0.9 },
        MissingSnapshotPolicy.Fail);

    static MetricSnapshot Snapshot(double f1, double rocAuc = 0.98, double logLoss = 0.05, string hash = Hash) =>
        MetricSnapshot.Of("ai4i2020", hash, "LightGbm", new Dictionary<string, double>
        {
            ["accuracy"] = 0.99, ["precision"] = 0.9, ["recall"] = 0.85, ["f1"] = f1, ["rocAuc"] = rocAuc, ["prAuc"] = 0.9, ["logLoss"] = logLoss,
        });

    static SnapshotLocation Seed(TemporaryDirectory folder, MetricSnapshot verified)
    {
        var location = SnapshotLocation.For(folder.Path, verified.DataHash, isEmbeddedDefault: true);
        File.WriteAllText(location.VerifiedPath, verified.ToJson());
        return location;
    }

    [Fact]
    public void SameMetrics_Pass_AndLeaveNoReceivedFile()
    {
        using var folder = new TemporaryDirectory();
        var location = Seed(folder, Snapshot(0.88));
        var result = MetricGate.Check(Snapshot(0.88), location, Settings);
        Assert.True(result.Passed, result.Table);
        Assert.All(result.Rows, r => Assert.Equal(MetricVerdict.Unchanged, r.Verdict));
        Assert.False(File.Exists(location.ReceivedPath));
    }

    [Fact]
    public void RegressionWithinTolerance_Passes()
    {
        using var folder = new TemporaryDirectory();
        var location = Seed(folder, Snapshot(0.88));
        Assert.True(MetricGate.Check(Snapshot(0.875), location, Settings).Passed);
    }

    [Fact]
    public void RegressionBeyondTolerance_Fails_WithOldNewDeltaTable()
    {
        using var folder = new TemporaryDirectory();
        var location = Seed(folder, Snapshot(0.88));
        var result = MetricGate.Check(Snapshot(0.85), location, Settings);
        Assert.False(result.Passed);
        var f1 = Assert.Single(result.Rows, r => r.Metric == "f1");
        Assert.Equal(MetricVerdict.Regressed, f1.Verdict);
        Assert.Equal(-0.03, f1.Delta!.Value, 6);
        Assert.Matches(@"f1\s+0\.8800\s+0\.8500\s+-0\.0300\s+0\.0100\s+-\s+REGRESSED", result.Table);
        Assert.True(File.Exists(location.ReceivedPath));
    }

    [Fact]
    public void HigherLogLoss_IsARegression()
    {
        using var folder = new TemporaryDirectory();
        var location = Seed(folder, Snapshot(0.88, logLoss: 0.05));
        var result = MetricGate.Check(Snapshot(0.88, logLoss: 0.08), location, Settings);
        Assert.Equal(MetricVerdict.Regressed, Assert.Single(result.Rows, r => r.Metric == "logLoss").Verdict);
        Assert.False(result.Passed);
    }

    [Fact]
    public void Improvement_Passes_AndIsMarkedForAcceptance()
    {
        using var folder = new TemporaryDirectory();
        var location = Seed(folder, Snapshot(0.85));
        var result = MetricGate.Check(Snapshot(0.90), location, Settings);
        Assert.True(result.Passed);
        Assert.Equal(MetricVerdict.Improved, Assert.Single(result.Rows, r => r.Metric == "f1").Verdict);
    }

    [Fact]
    public void ValueBelowFloor_Fails_EvenWhenTheSnapshotAgrees()
    {
        using var folder = new TemporaryDirectory();
        var location = Seed(folder, Snapshot(0.88, rocAuc: 0.85));
        var result = MetricGate.Check(Snapshot(0.88, rocAuc: 0.85), location, Settings);
        Assert.False(result.Passed);
        Assert.Equal(MetricVerdict.BelowFloor, Assert.Single(result.Rows, r => r.Metric == "rocAuc").Verdict);
    }

    [Fact]
    public void Accept_CopiesReceivedOverVerified_SoTheNextCheckPasses()
    {
        using var folder = new TemporaryDirectory();
        var location = Seed(folder, Snapshot(0.88));
        Assert.False(MetricGate.Check(Snapshot(0.80), location, Settings).Passed);

        var accepted = MetricGate.Accept(folder.Path);

        Assert.Equal(location.VerifiedPath, Assert.Single(accepted));
        Assert.Equal(0.80, MetricSnapshot.Read(location.VerifiedPath).Metrics["f1"]);
        Assert.False(File.Exists(location.ReceivedPath));
        Assert.True(MetricGate.Check(Snapshot(0.80), location, Settings).Passed);
    }

    [Fact]
    public void Accept_WithNothingReceived_SaysToRunEvaluate()
    {
        using var folder = new TemporaryDirectory();
        var error = Assert.Throws<ModelingException>(() => MetricGate.Accept(folder.Path));
        Assert.Contains("run the Evaluate target first", error.Message);
    }

    [Fact]
    public void OtherData_UsesItsOwnSnapshot_AndFailsPlainlyWhenNoneExists()
    {
        using var folder = new TemporaryDirectory();
        Seed(folder, Snapshot(0.88, hash: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
        var location = SnapshotLocation.For(folder.Path, Hash, isEmbeddedDefault: false);
        Assert.EndsWith("ec4ed737b27c.metrics.verified.json", location.VerifiedPath);

        var result = MetricGate.Check(Snapshot(0.88), location, Settings);

        Assert.False(result.Passed);
        Assert.False(result.SnapshotFound);
        Assert.Contains("No verified metric snapshot exists", result.SnapshotProblem);
        Assert.Contains("ec4ed737b27c", result.SnapshotProblem);
        Assert.True(File.Exists(Path.Combine(folder.Path, "ec4ed737b27c.metrics.received.json")));
    }

    [Fact]
    public void MissingSnapshot_WithWarnPolicy_PassesButStillReportsIt()
    {
        using var folder = new TemporaryDirectory();
        var location = SnapshotLocation.For(folder.Path, Hash, isEmbeddedDefault: false);
        var result = MetricGate.Check(Snapshot(0.88), location, Settings with { OnMissingSnapshot = MissingSnapshotPolicy.Warn });
        Assert.True(result.Passed);
        Assert.NotNull(result.SnapshotProblem);
    }

    [Fact]
    public void OtherData_MatchingTheDefaultSnapshotHash_UsesTheDefaultSnapshot()
    {
        using var folder = new TemporaryDirectory();
        var seeded = Seed(folder, Snapshot(0.88));
        Assert.Equal(seeded.VerifiedPath, SnapshotLocation.For(folder.Path, Hash, isEmbeddedDefault: false).VerifiedPath);
    }

    [Fact]
    public void ChangedDefaultData_FailsSayingTheDataChanged()
    {
        using var folder = new TemporaryDirectory();
        Seed(folder, Snapshot(0.88, hash: "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"));
        var location = SnapshotLocation.For(folder.Path, Hash, isEmbeddedDefault: true);
        var result = MetricGate.Check(Snapshot(0.88), location, Settings);
        Assert.False(result.Passed);
        Assert.Contains("the data changed", result.SnapshotProblem);
    }

    [Theory]
    [InlineData("{", "is not valid JSON (line")]
    [InlineData("""{ "metrics": { "f1": "high" } }""", "expected an object whose 'metrics' maps metric names to numbers")]
    public void ADamagedVerifiedSnapshot_IsAnErrorNamingTheFile_NeverAMissingOne(string content, string expected)
    {
        using var folder = new TemporaryDirectory();
        var location = SnapshotLocation.For(folder.Path, Hash, isEmbeddedDefault: true);
        File.WriteAllText(location.VerifiedPath, content);

        var error = Assert.Throws<ModelingException>(() => MetricGate.Check(Snapshot(0.8), location, Settings));

        Assert.Contains(location.VerifiedPath, error.Message);
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain("BytePositionInLine", error.Message);
        Assert.Equal(content, File.ReadAllText(location.VerifiedPath));
    }
}
