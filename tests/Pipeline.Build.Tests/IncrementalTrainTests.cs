using Pipeline.Modeling.Runs;
using Pipeline.Modeling.Steps;

namespace Pipeline.Build.Tests;

/// <summary>
/// The real build's incremental wiring of Train: its inputs are the data file's content (and the spec, schema,
/// configuration and code), not its timestamp — editing the data re-trains, touching it does not.
/// </summary>
public sealed class IncrementalTrainTests
{
    private const string Dataset = "ecommerce-conversion";

    [Fact]
    public void Train_RunsAgainWhenTheDataChanges_AndTouchingTheDataRunsNothingAgain()
    {
        using var checkout = new TemporaryDirectory();
        BuildProcess.PrepareCheckout(checkout.Path);
        var data = checkout.Write("data.csv", File.ReadAllText(Path.Combine(checkout.Path, "data", $"{Dataset}.csv")));
        var runs = new RunHistory(new Workspace(checkout.Path, Dataset).RunsDirectory);
        string[] train = ["Train", "--dataset", Dataset, "--data", data];

        var first = Succeeded(BuildProcess.Run(checkout.Path, train));
        Assert.Matches(@"\nTrain\s+Succeeded", first);
        Assert.Single(runs.List());

        File.SetLastWriteTimeUtc(data, DateTime.UtcNow.AddMinutes(1));
        var touched = Succeeded(BuildProcess.Run(checkout.Path, train));
        Assert.Matches(@"\nTrain\s+UpToDate", touched);
        Assert.Single(runs.List());

        var lines = File.ReadAllLines(data);
        File.WriteAllLines(data, lines.Take(lines.Length - 1)); // one row fewer: new content
        var changed = Succeeded(BuildProcess.Run(checkout.Path, train));
        Assert.Matches(@"\nTrain\s+Succeeded", changed);
        var after = runs.List();
        Assert.Equal(2, after.Count);
        Assert.Equal(2, after.Select(r => r.Lineage.DataHash).Distinct().Count());
    }

    private static string Succeeded((int ExitCode, string Output) run)
    {
        Assert.True(run.ExitCode == 0, run.Output);
        return run.Output;
    }
}
