using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Scoring;
using Pipeline.Modeling.Steps;

namespace Pipeline.Modeling.Tests;

/// <summary>One trained and registered version (production) of the fast configuration, shared by the tampering cases.</summary>
public sealed class RegisteredVersionFixture : IDisposable
{
    readonly TemporaryDirectory root = new();

    public RegisteredVersionFixture()
    {
        SimulatedData.WriteConfiguration(root.Path, SimulatedData.FastConfiguration.Replace("\"crossValidationFolds\": 3,", "\"crossValidationFolds\": 3, \"gate\": { \"onMissingSnapshot\": \"warn\" },"));
        var data = SimulatedData.Load();
        var ops = new LifecycleSteps(root.Path, "ai4i2020");
        ops.Train(data);
        ops.Evaluate(data, true);
        Version = ops.Register(data).Version;
        RegistryDirectory = ops.Paths.RegistryDirectory;
    }

    /// <summary>The registered version.</summary>
    public int Version { get; }

    /// <summary>The registry holding it.</summary>
    public string RegistryDirectory { get; }

    public void Dispose() => root.Dispose();
}

/// <summary>
/// Every file of a registered version is covered by its manifest: flipping one byte of metadata.json (the threshold
/// lives there) or spec.json (the derived features) makes ScoringModel.Load (the scoring service, Containerize,
/// CheckDrift, champion scoring) and Promote refuse the version, naming the file and both digests.
/// </summary>
public class VersionFileTamperingTests(RegisteredVersionFixture fixture) : IClassFixture<RegisteredVersionFixture>
{
    // A copy of the fixture's repository layout (models/registry/ai4i2020) in a fresh folder, so each case tampers its own.
    static Workspace CopyOfRegistry(TemporaryDirectory root, string registryDirectory)
    {
        var workspace = new Workspace(root.Path, "ai4i2020");
        foreach (var file in Directory.GetFiles(registryDirectory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(workspace.RegistryDirectory, Path.GetRelativePath(registryDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return workspace;
    }

    static void FlipAByte(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var at = Array.IndexOf(bytes, (byte)'9') is var nine and >= 0 ? nine : bytes.Length / 2;
        bytes[at] = bytes[at] == (byte)'9' ? (byte)'1' : (byte)(bytes[at] ^ 0x01);
        File.WriteAllBytes(path, bytes);
    }

    [Theory]
    [InlineData("metadata.json")]
    [InlineData("spec.json")]
    [InlineData("input-schema.json")]
    public void AFlippedByte_InAnyFileOfTheVersion_IsRefusedByLoadAndPromote(string file)
    {
        using var root = new TemporaryDirectory();
        var workspace = CopyOfRegistry(root, fixture.RegistryDirectory);
        var registry = new ModelRegistry(workspace.RegistryDirectory);
        var directory = registry.VersionDirectory(fixture.Version);
        using (ScoringModel.Load(directory)) { } // intact: loads
        var recorded = VersionManifest.Parse(File.ReadAllBytes(Path.Combine(directory, VersionManifest.FileName)), directory).Files.Single(f => f.Name == file).Sha256;
        FlipAByte(Path.Combine(directory, file));
        var actual = ModelFileIntegrity.Sha256Of(Path.Combine(directory, file));

        var load = Assert.Throws<ModelingException>(() => ScoringModel.Load(directory));
        var promote = Assert.Throws<ModelingException>(() => new PromotionStep(workspace, StepLog.None).Promote(fixture.Version, ModelStage.Staging));

        foreach (var error in new[] { load, promote })
        {
            Assert.Contains(Path.Combine(directory, file), error.Message);
            Assert.Contains(actual, error.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(recorded, error.Message, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(fixture.Version, registry.Stages.Production);
    }
}
