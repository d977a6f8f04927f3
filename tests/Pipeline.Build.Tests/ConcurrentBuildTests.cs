using System.Security.Cryptography;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Runs;
using Pipeline.Modeling.Steps;
using Pipeline.Modeling.Training;

namespace Pipeline.Build.Tests;

/// <summary>
/// Two builds started together in one checkout (issue 16's first defect): one waits for the other's build lock, and
/// what they leave — the trained model with its summary, the run history, the registry versions — belongs to one run
/// each, never a mix. Runs the real build on the ecommerce-conversion dataset (2,000 rows, seconds per Train) with
/// two different data files, in a scratch checkout whose gate accepts any metrics (the gate is not under test here).
/// </summary>
public sealed class ConcurrentBuildTests
{
    private const string Dataset = "ecommerce-conversion";
    private const string WaitingMessage = "build.lock; waiting";
    private static readonly TimeSpan TwoBuilds = TimeSpan.FromMinutes(4);

    [Fact]
    public void TwoParallelTrains_OneWaits_AndTheFollowingRegisterCarriesTheLineageOfTheRunThatMadeItsModel()
    {
        using var checkout = new TemporaryDirectory();
        var (a, b) = PrepareTwoDataFiles(checkout);

        var outputs = RunTogether(checkout.Path, ["Train", "--force", "--dataset", Dataset, "--data", a], ["Train", "--force", "--dataset", Dataset, "--data", b]);

        Assert.Equal(1, outputs.Count(o => o.Contains(WaitingMessage, StringComparison.Ordinal)));
        var workspace = new Workspace(checkout.Path, Dataset);
        var runs = new RunHistory(workspace.RunsDirectory).List();
        Assert.Equal(2, runs.Count);
        AssertRunsAreOneEachOf(runs, a, b);
        var summary = TrainingSummary.Read(workspace.TrainingSummaryPath);
        var lastRun = runs.Single(r => r.Lineage.RunId == summary.Lineage.RunId);
        Assert.Equal(Sha256(workspace.ModelPath), summary.ModelSha256);
        Assert.Equal(lastRun.Lineage.DataHash, summary.Lineage.DataHash);
        Assert.Equal(lastRun.Lineage.Threshold, summary.Lineage.Threshold);

        // Register with the data of the run that trained last: nothing is retrained, so its model is registered.
        var (exitCode, output) = BuildProcess.Run(checkout.Path, "Register", "--dataset", Dataset, "--data", lastRun.Lineage.DataSource);

        Assert.True(exitCode == 0, output);
        var registry = new ModelRegistry(workspace.RegistryDirectory);
        var version = Assert.Single(registry.Versions);
        var metadata = registry.Metadata(version);
        Assert.Equal(summary.ModelSha256, metadata.ModelSha256);
        Assert.Equal(lastRun.Lineage.RunId, metadata.Lineage.RunId);
        Assert.Equal(lastRun.Lineage.DataHash, metadata.Lineage.DataHash);
        Assert.Equal(lastRun.Lineage.Threshold, metadata.Lineage.Threshold);
    }

    [Fact]
    public void TwoParallelRegisters_OneWaits_AndEachRunIsRegisteredOnceWithItsOwnLineage()
    {
        using var checkout = new TemporaryDirectory();
        var (a, b) = PrepareTwoDataFiles(checkout);

        var outputs = RunTogether(checkout.Path, ["Register", "--force", "--dataset", Dataset, "--data", a], ["Register", "--force", "--dataset", Dataset, "--data", b]);

        Assert.Equal(1, outputs.Count(o => o.Contains(WaitingMessage, StringComparison.Ordinal)));
        var workspace = new Workspace(checkout.Path, Dataset);
        var runs = new RunHistory(workspace.RunsDirectory).List();
        AssertRunsAreOneEachOf(runs, a, b);
        var registry = new ModelRegistry(workspace.RegistryDirectory);
        var versions = registry.Versions.Select(registry.Metadata).ToList();
        Assert.Equal(2, versions.Count);
        Assert.Equal(runs.Select(r => r.Lineage.RunId).Order(), versions.Select(v => v.Lineage.RunId).Order());
        foreach (var version in versions)
        {
            var run = runs.Single(r => r.Lineage.RunId == version.Lineage.RunId);
            Assert.Equal(run.Lineage.DataHash, version.Lineage.DataHash);
            Assert.Equal(run.Lineage.DataSource, version.Lineage.DataSource);
            Assert.Equal(run.Lineage.Threshold, version.Lineage.Threshold);
        }
    }

    // a.csv is the dataset's own 2,000 rows, b.csv its first 1,400: different data hashes and thresholds.
    private static (string A, string B) PrepareTwoDataFiles(TemporaryDirectory checkout)
    {
        BuildProcess.PrepareCheckout(checkout.Path);
        checkout.Write(Path.Combine("models", Dataset, "training.json"), """
            { "gate": { "tolerances": { "accuracy": 1, "precision": 1, "recall": 1, "f1": 1, "rocAuc": 1, "prAuc": 1, "logLoss": 100 }, "onMissingSnapshot": "warn" } }
            """);
        var lines = File.ReadAllLines(Path.Combine(checkout.Path, "data", $"{Dataset}.csv"));
        var a = checkout.Write("a.csv", string.Join('\n', lines) + "\n");
        var b = checkout.Write("b.csv", string.Join('\n', lines.Take(1401)) + "\n");
        return (a, b);
    }

    private static string[] RunTogether(string root, string[] first, string[] second)
    {
        using var one = BuildProcess.Start(root, first);
        using var other = BuildProcess.Start(root, second);
        var results = new[] { one.Finish(TwoBuilds), other.Finish(TwoBuilds) };
        foreach (var (exitCode, output) in results) Assert.True(exitCode == 0, output);
        return results.Select(r => r.Output).ToArray();
    }

    // Each data file was trained once, and each run records the hash of the file it names.
    private static void AssertRunsAreOneEachOf(IReadOnlyList<RunRecord> runs, string a, string b)
    {
        Assert.Equal(new[] { a, b }.Order(), runs.Select(r => r.Lineage.DataSource).Order());
        foreach (var run in runs) Assert.Equal(Sha256(run.Lineage.DataSource), run.Lineage.DataHash);
        Assert.NotEqual(runs[0].Lineage.Threshold, runs[1].Lineage.Threshold);
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
