namespace Pipeline.Engine.Tests;

public sealed class RootDirectoryTests : EngineTest
{
    private sealed class RootBuild : NukeBuild
    {
        public readonly AbsolutePath DataFolder = RootDirectory / "data";
        public AbsolutePath? SeenRoot;

        Target Show => _ => _.Executes(() => SeenRoot = RootDirectory);
    }

    private static async Task<EngineRun<RootBuild>> RunFrom(string workingDirectory, params string[] args)
    {
        var output = new StringWriter();
        RootBuild? build = null;
        var invocation = new BuildInvocation(args) { WorkingDirectory = workingDirectory, EnvironmentVariables = new Dictionary<string, string>(), Output = output };
        var result = await BuildEngine.RunAsync(invocation, () => build = new RootBuild());
        return new EngineRun<RootBuild>(result, output.ToString(), build!);
    }

    [Fact]
    public async Task Root_IsTheNearestFolderUpwardHoldingDotNuke_AndUsableInFieldInitialisers()
    {
        var nested = Directory.CreateDirectory(Path.Combine(Root.Path, "src", "deep")).FullName;

        var run = await RunFrom(nested, "Show");

        Assert.Equal(Root.Absolute, run.Build.SeenRoot);
        Assert.Equal(Root.Absolute / "data", run.Build.DataFolder);
    }

    [Fact]
    public async Task RootOption_OverridesTheSearch()
    {
        using var other = new TestRoot();

        var run = await RunFrom(Root.Path, "Show", "--root", other.Path);

        Assert.Equal(other.Absolute, run.Build.SeenRoot);
    }

    [Fact]
    public async Task NoDotNukeFolderUpward_FailsWithASentence()
    {
        var outside = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "engine-no-root-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        try
        {
            var run = await RunFrom(outside, "Show");

            Assert.Equal(ExitCode.InvalidInvocation, run.ExitCode);
            Assert.Contains("Could not find the root directory", run.Output);
            Assert.Contains("pass --root <folder>", run.Output);
        }
        finally
        {
            Directory.Delete(outside);
        }
    }
}
