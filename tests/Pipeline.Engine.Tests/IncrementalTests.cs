namespace Pipeline.Engine.Tests;

public sealed class IncrementalTests : EngineTest
{
    private sealed class IncrementalBuild : NukeBuild
    {
        public int Runs;

        [Parameter("Seed")] readonly int Seed = 42;
        [Parameter("Fail on purpose")] readonly bool Fail;

        Target Train => _ => _
            .Inputs(() => new[] { RootDirectory / "data" / "train.csv", RootDirectory / "config" })
            .InputValues(() => new[] { Seed.ToString() })
            .Outputs(() => new[] { ArtifactsDirectory / "model.txt" })
            .Executes(() =>
            {
                Runs++;
                if (Fail) throw new InvalidOperationException("training diverged.");
                (ArtifactsDirectory).CreateDirectory();
                File.WriteAllText(ArtifactsDirectory / "model.txt", "model from " + File.ReadAllText(RootDirectory / "data" / "train.csv"));
            });
    }

    public IncrementalTests()
    {
        Root.Write("data/train.csv", "a,b\n1,2\n");
        Root.Write("config/settings.json", "{}");
    }

    [Fact]
    public async Task SecondRun_WithUnchangedInputs_IsUpToDateAndDoesNotRun()
    {
        var first = await Engine.Run<IncrementalBuild>(Root, "Train");
        var second = await Engine.Run<IncrementalBuild>(Root, "Train");

        Assert.Equal(1, first.Build.Runs);
        Assert.Equal(ExecutionStatus.Succeeded, first.StatusOf("Train"));
        Assert.Equal(0, second.Build.Runs);
        Assert.Equal(ExecutionStatus.UpToDate, second.StatusOf("Train"));
        Assert.Equal(ExitCode.Success, second.ExitCode);
        Assert.True(Root.Exists(".nuke/state/Train.state"));
    }

    [Fact]
    public async Task ChangedInputFile_RunsAgain()
    {
        await Engine.Run<IncrementalBuild>(Root, "Train");
        Root.Write("data/train.csv", "a,b\n1,3\n");

        var run = await Engine.Run<IncrementalBuild>(Root, "Train");

        Assert.Equal(1, run.Build.Runs);
    }

    [Fact]
    public async Task ChangedFileInsideAnInputFolder_RunsAgain()
    {
        await Engine.Run<IncrementalBuild>(Root, "Train");
        Root.Write("config/extra.json", "{ \"depth\": 3 }");

        var run = await Engine.Run<IncrementalBuild>(Root, "Train");

        Assert.Equal(1, run.Build.Runs);
    }

    [Fact]
    public async Task ChangedInputValue_RunsAgain()
    {
        await Engine.Run<IncrementalBuild>(Root, "Train");

        var run = await Engine.Run<IncrementalBuild>(Root, "Train", "--seed", "7");

        Assert.Equal(1, run.Build.Runs);
    }

    [Fact]
    public async Task MissingOutput_RunsAgain()
    {
        await Engine.Run<IncrementalBuild>(Root, "Train");
        File.Delete(Path.Combine(Root.Path, "artifacts", "model.txt"));

        var run = await Engine.Run<IncrementalBuild>(Root, "Train");

        Assert.Equal(1, run.Build.Runs);
        Assert.Equal(ExecutionStatus.Succeeded, run.StatusOf("Train"));
    }

    [Fact]
    public async Task ModifiedOutput_RunsAgain()
    {
        await Engine.Run<IncrementalBuild>(Root, "Train");
        Root.Write("artifacts/model.txt", "edited by hand");

        var run = await Engine.Run<IncrementalBuild>(Root, "Train");

        Assert.Equal(1, run.Build.Runs);
    }

    [Fact]
    public async Task Force_RunsAnUpToDateTarget()
    {
        await Engine.Run<IncrementalBuild>(Root, "Train");

        var run = await Engine.Run<IncrementalBuild>(Root, "Train", "--force");

        Assert.Equal(1, run.Build.Runs);
        Assert.Equal(ExecutionStatus.Succeeded, run.StatusOf("Train"));
    }

    [Fact]
    public async Task ForceFalse_LeavesAnUpToDateTargetUpToDate_AndIsNotReadAsATargetName()
    {
        await Engine.Run<IncrementalBuild>(Root, "Train");

        var run = await Engine.Run<IncrementalBuild>(Root, "--force", "false", "Train");

        Assert.Equal(ExitCode.Success, run.ExitCode);
        Assert.Equal(0, run.Build.Runs);
        Assert.Equal(ExecutionStatus.UpToDate, run.StatusOf("Train"));
    }

    [Fact]
    public async Task DeletingTheStateFolder_ForgetsEverything()
    {
        await Engine.Run<IncrementalBuild>(Root, "Train");
        Directory.Delete(Path.Combine(Root.Path, ".nuke", "state"), recursive: true);

        var run = await Engine.Run<IncrementalBuild>(Root, "Train");

        Assert.Equal(1, run.Build.Runs);
    }

    [Fact]
    public async Task FailedRun_IsNotRecorded_SoTheNextRunRunsAgain()
    {
        await Engine.Run<IncrementalBuild>(Root, "Train");
        var failed = await Engine.Run<IncrementalBuild>(Root, "Train", "--force", "--fail");

        var next = await Engine.Run<IncrementalBuild>(Root, "Train");

        Assert.Equal(ExecutionStatus.Failed, failed.StatusOf("Train"));
        Assert.Equal(1, next.Build.Runs);
    }

    private sealed class ReportsBuild : NukeBuild
    {
        public int Runs;

        private AbsolutePath Reports => ArtifactsDirectory / "reports";

        // The outputs are whatever reports exist, as a target listing a folder's files would declare them.
        Target Report => _ => _
            .Inputs(() => new[] { RootDirectory / "data" / "train.csv" })
            .Outputs(() => Reports.DirectoryExists() ? Directory.EnumerateFiles(Reports).Order().Select(AbsolutePath.Create) : [])
            .Executes(() =>
            {
                Runs++;
                Reports.CreateDirectory();
                File.WriteAllText(Reports / "a.txt", "a");
                File.WriteAllText(Reports / "b.txt", "b");
            });
    }

    [Fact]
    public async Task OutputOfTheLastRunThatIsNoLongerDeclared_RunsAgain()
    {
        await Engine.Run<ReportsBuild>(Root, "Report");
        File.Delete(Path.Combine(Root.Path, "artifacts", "reports", "b.txt"));

        var run = await Engine.Run<ReportsBuild>(Root, "Report", "--verbosity", "verbose");

        Assert.Equal(1, run.Build.Runs);
        Assert.Contains("Running Report: output artifacts/reports/b.txt of its last run is no longer there.", run.Output);
        Assert.True(Root.Exists("artifacts/reports/b.txt"));
    }

    [Fact]
    public async Task UnchangedOutputsComputedFromAFolder_AreUpToDate()
    {
        await Engine.Run<ReportsBuild>(Root, "Report");

        var run = await Engine.Run<ReportsBuild>(Root, "Report");

        Assert.Equal(0, run.Build.Runs);
        Assert.Equal(ExecutionStatus.UpToDate, run.StatusOf("Report"));
    }

    private sealed class PerDatasetBuild : NukeBuild
    {
        public int Runs;

        [Parameter("Dataset")] readonly string Dataset = "a";

        // Each dataset's outputs live in their own folder, as the lifecycle's artifacts do.
        Target Train => _ => _
            .Inputs(() => new[] { RootDirectory / "data" / (Dataset + ".csv") })
            .InputValues(() => new[] { Dataset })
            .Outputs(() => new[] { ArtifactsDirectory / Dataset / "model.txt" })
            .Executes(() =>
            {
                Runs++;
                (ArtifactsDirectory / Dataset).CreateDirectory();
                File.WriteAllText(ArtifactsDirectory / Dataset / "model.txt", "model from " + File.ReadAllText(RootDirectory / "data" / (Dataset + ".csv")));
            });
    }

    [Fact]
    public async Task SwitchingInputsAndBack_IsUpToDate_WhenTheEarlierRunsOutputsAreUnchanged()
    {
        Root.Write("data/a.csv", "a\n1\n");
        Root.Write("data/b.csv", "b\n2\n");
        await Engine.Run<PerDatasetBuild>(Root, "Train");
        var other = await Engine.Run<PerDatasetBuild>(Root, "Train", "--dataset", "b");

        var back = await Engine.Run<PerDatasetBuild>(Root, "Train");

        Assert.Equal(1, other.Build.Runs);
        Assert.Equal(0, back.Build.Runs);
        Assert.Equal(ExecutionStatus.UpToDate, back.StatusOf("Train"));
    }

    [Fact]
    public async Task SwitchingBack_RunsAgain_WhenAnotherRunChangedTheSharedOutput()
    {
        await Engine.Run<IncrementalBuild>(Root, "Train");
        Root.Write("data/train.csv", "a,b\n9,9\n");
        await Engine.Run<IncrementalBuild>(Root, "Train");
        Root.Write("data/train.csv", "a,b\n1,2\n");

        var back = await Engine.Run<IncrementalBuild>(Root, "Train", "--verbosity", "verbose");

        Assert.Equal(1, back.Build.Runs);
        Assert.Contains("Running Train: output artifacts/model.txt changed since the last run.", back.Output);
    }

    [Fact]
    public async Task ATargetRemembersABoundedNumberOfInputs_DroppingTheOldest()
    {
        for (var i = 0; i <= IncrementalStateRecords; i++)
        {
            Root.Write($"data/d{i}.csv", $"x\n{i}\n");
            await Engine.Run<PerDatasetBuild>(Root, "Train", "--dataset", $"d{i}");
        }

        var newest = await Engine.Run<PerDatasetBuild>(Root, "Train", "--dataset", $"d{IncrementalStateRecords}");
        var oldest = await Engine.Run<PerDatasetBuild>(Root, "Train", "--dataset", "d0");

        Assert.Equal(ExecutionStatus.UpToDate, newest.StatusOf("Train"));
        Assert.Equal(1, oldest.Build.Runs);
        Assert.Equal(IncrementalStateRecords, File.ReadAllLines(Path.Combine(Root.Path, ".nuke", "state", "Train.state")).Count(l => l.StartsWith("inputs ")));
    }

    [Fact]
    public async Task AFailedRun_ForgetsOnlyItsOwnInputs()
    {
        Root.Write("data/a.csv", "a\n1\n");
        Root.Write("data/b.csv", "b\n2\n");
        await Engine.Run<PerDatasetBuild>(Root, "Train");
        File.Delete(Path.Combine(Root.Path, "data", "b.csv"));
        var failed = await Engine.Run<PerDatasetBuild>(Root, "Train", "--dataset", "b");

        var back = await Engine.Run<PerDatasetBuild>(Root, "Train");

        Assert.Equal(ExecutionStatus.Failed, failed.StatusOf("Train"));
        Assert.Equal(ExecutionStatus.UpToDate, back.StatusOf("Train"));
    }

    // IncrementalState is internal; the bound is part of the documented behaviour, so the test states it.
    private const int IncrementalStateRecords = 8;
}
