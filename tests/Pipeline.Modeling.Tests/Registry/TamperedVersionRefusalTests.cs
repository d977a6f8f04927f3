using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Scoring;
using Pipeline.Modeling.Steps;

namespace Pipeline.Modeling.Tests.RegistrySemantics;

/// <summary>
/// Two real versions registered by the lifecycle's own steps (v1 production, v2 not: model, metadata, spec,
/// input schema, input example, manifest), trained once for the class and copied for each test.
/// </summary>
public sealed class TwoRegisteredVersions : IDisposable
{
    readonly TemporaryDirectory root = new();

    public TwoRegisteredVersions()
    {
        SimulatedData.WriteConfiguration(root.Path, SimulatedData.FastConfiguration);
        var workspace = new Workspace(root.Path, "ai4i2020");
        new RetrainChain(workspace, StepLog.None).Run(SimulatedData.Load(seed: 42));
        new RetrainChain(workspace, StepLog.None).Run(SimulatedData.Load(seed: 43));
        RegistryDirectory = workspace.RegistryDirectory;
        // Whichever won the comparison, v1 serves: the tests try to promote v2 over it.
        var registry = new ModelRegistry(RegistryDirectory);
        if (registry.Stages.Production != 1) registry.Promote(1, ModelStage.Production);
    }

    public string RegistryDirectory { get; }

    /// <summary>The files of v2, as its folder holds them.</summary>
    public IEnumerable<string> FilesOfVersion2 => Directory.GetFiles(RegistryLayout.VersionDirectory(RegistryDirectory, 2)).Select(Path.GetFileName).Order()!;

    /// <summary>A copy of the registry in <paramref name="target"/>.</summary>
    public ModelRegistry CopyTo(string target)
    {
        foreach (var file in Directory.GetFiles(RegistryDirectory, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(RegistryDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return new ModelRegistry(target);
    }

    public void Dispose() => root.Dispose();
}

/// <summary>
/// Flipping one byte — first, middle or last — of any file of a registered version makes the registry refuse it:
/// Promote (and so Rollback) leaves the stages alone, and the version's verification (what Containerize and the
/// scoring service run before loading) names the file, and ScoringModel.Load refuses the version.
/// </summary>
public sealed class TamperedVersionRefusalTests(TwoRegisteredVersions versions) : IClassFixture<TwoRegisteredVersions>
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in new[] { RegistryLayout.ModelFile, RegistryLayout.MetadataFile, RegistryLayout.SpecFile, RegistryLayout.InputSchemaFile,
                     RegistryLayout.InputExampleFile, RegistryLayout.ManifestFile, RegistryLayout.TreeCoversFile,
                     RegistryLayout.ModelCardFactsFile, RegistryLayout.ModelCardMarkdownFile, RegistryLayout.ModelCardHtmlFile })
        foreach (var where in new[] { "first", "middle", "last" })
            data.Add(file, where);
        return data;
    }

    [Fact]
    public void TheCasesCoverEveryFileOfARegisteredVersion()
    {
        var covered = Cases().Select(c => (string)c[0]).Distinct().Order();

        Assert.Equal(versions.FilesOfVersion2, covered);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AFlippedByte_InAnyFile_IsRefusedByPromoteAndByVerification(string file, string where)
    {
        using var scratch = new TemporaryDirectory();
        var registry = versions.CopyTo(scratch["registry"]);
        var path = Path.Combine(registry.VersionDirectory(2), file);
        var bytes = File.ReadAllBytes(path);
        var at = where switch { "first" => 0, "middle" => bytes.Length / 2, _ => bytes.Length - 1 };
        bytes[at] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        var stages = File.ReadAllText(Path.Combine(registry.Directory, "stages.json"));

        var promote = Assert.Throws<ModelingException>(() => registry.Promote(2, ModelStage.Production));
        var verify = Assert.Throws<ModelingException>(() => registry.Verify(2));

        Assert.Contains(path, promote.Message);
        Assert.Contains(path, verify.Message);
        Assert.Equal(stages, File.ReadAllText(Path.Combine(registry.Directory, "stages.json")));
        Assert.Equal(1, registry.Stages.Production);
        // What Containerize and the scoring service load with: it verifies every file of the version, not only the model.
        Assert.Throws<ModelingException>(() => ScoringModel.Load(registry.VersionDirectory(2)).Dispose());
    }

    [Fact]
    public void AnUntamperedCopy_IsPromoted()
    {
        using var scratch = new TemporaryDirectory();
        var registry = versions.CopyTo(scratch["registry"]);

        registry.Promote(2, ModelStage.Production);

        Assert.Equal(2, registry.Stages.Production);
        ScoringModel.Load(registry.VersionDirectory(2)).Dispose();
    }
}
