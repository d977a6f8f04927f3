namespace Pipeline.Engine.Tests;

/// <summary>A reusable set of targets and a parameter, mixed into any build that implements it.</summary>
public interface ICleanArtifacts : INukeBuild
{
    [Parameter("Keep the artifacts folder")]
    bool KeepArtifacts => TryGetValue(() => KeepArtifacts);

    [Parameter("Folder name under the root to clean")]
    string CleanFolder => TryGetValue(() => CleanFolder) ?? "artifacts";

    Target Clean => _ => _
        .Description("Deletes the artifacts folder")
        .OnlyWhenStatic(() => !KeepArtifacts)
        .Executes(() =>
        {
            var folder = RootDirectory / CleanFolder;
            if (folder.DirectoryExists()) Directory.Delete(folder, recursive: true);
            Log.Information($"cleaned {folder.Name}");
        });
}

/// <summary>A component with a value-type parameter whose default is not the type's default, and an enum parameter.</summary>
public interface IServe : INukeBuild
{
    enum Flavour { Plain, Spicy }

    [Parameter("Port to serve on")]
    int Port => TryGetValue(() => Port, 8080);

    [Parameter("How to serve")]
    Flavour Style => TryGetValue(() => Style, Flavour.Spicy);

    Target Serve => _ => _.Executes(() => Log.Information($"serving {Style} on {Port}"));
}

public interface IPackage : INukeBuild
{
    Target Package => _ => _
        .DependsOn<ICleanArtifacts>(x => x.Clean)
        .Executes(() => (ArtifactsDirectory / "package").CreateDirectory());
}

public sealed class ComponentTests : EngineTest
{
    private sealed class ComponentBuild : RecordingBuild, ICleanArtifacts, IPackage, IServe
    {
        Target Publish => _ => _.DependsOn<IPackage>(x => x.Package).Executes(Record(nameof(Publish)));
    }

    [Fact]
    public async Task InterfaceDefaultMembers_AreTargets_AndCanBeDependedOn()
    {
        Root.Write("artifacts/old.txt", "stale");

        var run = await Engine.Run<ComponentBuild>(Root, "Publish");

        Assert.Equal(ExitCode.Success, run.ExitCode);
        Assert.Equal(new[] { "Clean", "Package", "Publish" }, run.Order);
        Assert.False(Root.Exists("artifacts/old.txt"));
        Assert.True(Directory.Exists(Path.Combine(Root.Path, "artifacts", "package")));
        Assert.Contains("cleaned artifacts", run.Output);
    }

    [Fact]
    public async Task ComponentParameters_AreInjectedAndReadThroughTryGetValue()
    {
        Root.Write("artifacts/old.txt", "stale");
        Root.Write("scratch/tmp.txt", "tmp");

        var keep = await Engine.Run<ComponentBuild>(Root, "Clean", "--keep-artifacts");
        var other = await Engine.Run<ComponentBuild>(Root, new Dictionary<string, string> { ["CLEAN_FOLDER"] = "scratch" }, "Clean");

        Assert.Equal(ExecutionStatus.Skipped, keep.StatusOf("Clean"));
        Assert.True(Root.Exists("artifacts/old.txt"));
        Assert.False(Root.Exists("scratch/tmp.txt"));
        Assert.True(((ICleanArtifacts)keep.Build).KeepArtifacts);
    }

    [Fact]
    public async Task ComponentTargetsAndParameters_AppearInHelp()
    {
        var run = await Engine.Run<ComponentBuild>(Root, "--help");

        Assert.Matches(@"Clean\s+Deletes the artifacts folder", run.Output);
        Assert.Matches(@"Package\s+\[depends on: Clean\]", run.Output);
        Assert.Matches(@"--clean-folder\s+string\s+Folder name under the root to clean", run.Output);
        Assert.Contains("= artifacts   (from default)", run.Output);
    }

    [Fact]
    public async Task ComponentValueParameter_TakesItsOwnDefaultUnlessGiven()
    {
        var unset = await Engine.Run<ComponentBuild>(Root, "Serve");
        var given = await Engine.Run<ComponentBuild>(Root, "Serve", "--port", "0", "--style", "plain");

        Assert.Contains("serving Spicy on 8080", unset.Output);
        Assert.Contains("serving Plain on 0", given.Output);
    }

    [Fact]
    public async Task EnumParameter_HelpListsItsValues_AndABadValueExits2NamingThem()
    {
        var help = await Engine.Run<ComponentBuild>(Root, "--help");
        var bad = await Engine.Run<ComponentBuild>(Root, "Serve", "--style", "mild");

        Assert.Matches(@"--style\s+Flavour\s+How to serve \(one of: plain, spicy\)", help.Output);
        Assert.Equal(ExitCode.InvalidInvocation, bad.ExitCode);
        Assert.Contains("one of Plain, Spicy", bad.Output);
    }
}
