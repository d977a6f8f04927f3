using System.Security.Cryptography;
using Pipeline.Modeling.Registry;

namespace Pipeline.Modeling.Tests.RegistrySemantics;

public class VersionManifestTests
{
    [Fact]
    public void Commit_WritesAManifestOfEveryFile_WhoseDigestIsRecordedInTheRegisteredEvent()
    {
        using var fixture = new RegistryFixture();
        var result = fixture.Register("model bytes");
        var directory = fixture.Registry.VersionDirectory(result.Version);

        var manifestBytes = File.ReadAllBytes(Path.Combine(directory, "manifest.json"));
        var manifest = VersionManifest.Parse(manifestBytes, "manifest.json");

        Assert.Equal(["input-example.json", "metadata.json", "model.zip", "spec.json"], manifest.Files.Select(f => f.Name));
        var model = manifest.Files.Single(f => f.Name == "model.zip");
        Assert.Equal(11, model.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("model bytes"u8)), model.Sha256);
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifestBytes));
        Assert.Equal(digest, result.Digest);
        Assert.Equal(digest, fixture.Registry.Events.ReadAll().Select(e => e.Event).OfType<VersionRegistered>().Single().Digest);
        Assert.Equal(new VersionVerification(result.Version, digest, 4), fixture.Registry.Verify(result.Version));
    }

    [Theory]
    [InlineData("metadata.json")]
    [InlineData("spec.json")]
    [InlineData("input-example.json")]
    public void Verify_RefusesAnyChangedFile_NamingItAndBothDigests(string file)
    {
        using var fixture = new RegistryFixture();
        var version = fixture.Register("model bytes").Version;
        var path = Path.Combine(fixture.Registry.VersionDirectory(version), file);
        var entry = VersionManifest.Parse(File.ReadAllBytes(Path.Combine(fixture.Registry.VersionDirectory(version), "manifest.json")), "m").Files.Single(f => f.Name == file);
        var bytes = File.ReadAllBytes(path);
        // One bit, same length; in metadata.json inside the trainer's name, so it stays valid JSON and only the digest can tell.
        var at = Math.Max(0, System.Text.Encoding.UTF8.GetString(bytes).IndexOf("LightGbm", StringComparison.Ordinal));
        bytes[at] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<ModelingException>(() => fixture.Registry.Verify(version));

        Assert.Contains($"File {path} has SHA-256 {Convert.ToHexStringLower(SHA256.HashData(bytes))}", error.Message);
        Assert.Contains($"records {entry.Sha256}", error.Message);
        Assert.Contains("will not be loaded", error.Message);
    }

    [Fact]
    public void Promote_RefusesAVersionWithAnEditedSpec_AndLeavesTheStagesAlone()
    {
        using var fixture = new RegistryFixture();
        fixture.Register("one");
        var second = fixture.Register("two").Version;
        File.WriteAllText(Path.Combine(fixture.Registry.VersionDirectory(second), "spec.json"), """{ "name": "e" }""");
        var events = fixture.EventFiles();

        var error = Assert.Throws<ModelingException>(() => fixture.Registry.Promote(second, ModelStage.Production));

        Assert.StartsWith($"Version {second} cannot be given the stage production: File {Path.Combine(fixture.Registry.VersionDirectory(second), "spec.json")}", error.Message);
        Assert.Equal(events, fixture.EventFiles());
        Assert.Equal(1, fixture.Registry.Stages.Production);
    }

    [Fact]
    public void Verify_RefusesAnAddedFileAndAMissingFile()
    {
        using var fixture = new RegistryFixture();
        var version = fixture.Register("model bytes").Version;
        var directory = fixture.Registry.VersionDirectory(version);

        File.WriteAllText(Path.Combine(directory, "extra.json"), "{}");
        Assert.Contains($"File {Path.Combine(directory, "extra.json")} is not in version {version}'s manifest", Assert.Throws<ModelingException>(() => fixture.Registry.Verify(version)).Message);

        File.Delete(Path.Combine(directory, "extra.json"));
        File.Delete(Path.Combine(directory, "input-example.json"));
        Assert.Contains($"File {Path.Combine(directory, "input-example.json")} is missing from version {version}", Assert.Throws<ModelingException>(() => fixture.Registry.Verify(version)).Message);
    }

    [Fact]
    public void Verify_RefusesAManifestRewrittenToMatchATamperedFile_ByTheDigestRecordedAtRegistration()
    {
        using var fixture = new RegistryFixture();
        var registered = fixture.Register("model bytes");
        var directory = fixture.Registry.VersionDirectory(registered.Version);
        File.WriteAllText(Path.Combine(directory, "spec.json"), """{ "name": "tampered" }""");
        File.Delete(Path.Combine(directory, "manifest.json"));
        var forged = VersionManifest.Of(directory).ToBytes();
        File.WriteAllBytes(Path.Combine(directory, "manifest.json"), forged);

        var error = Assert.Throws<ModelingException>(() => fixture.Registry.Verify(registered.Version));

        Assert.Contains($"has digest {VersionManifest.DigestOf(forged)} but version {registered.Version} was registered with digest {registered.Digest}", error.Message);
    }

    [Fact]
    public void LegacyVersionWithoutManifest_StillLoads_AndIsCoveredByItsModelFileOnly()
    {
        using var fixture = new RegistryFixture();
        var model = fixture["legacy.zip"];
        File.WriteAllText(model, "legacy model");
        // A version as the registry wrote it before manifests and events: only the model is hash-protected.
        var version = fixture.Registry.Register(new ModelRegistration(model, new ModelMetadata { Dataset = "d" }, new Dictionary<string, string>()));
        File.Delete(Path.Combine(fixture.Registry.VersionDirectory(version.Version), "manifest.json"));
        Directory.Delete(fixture.Registry.Events.Directory, recursive: true);

        var verification = fixture.Registry.Verify(version.Version);

        Assert.True(verification.IsLegacy);
        Assert.Equal("legacy, model file only", verification.Coverage);
        Assert.Equal("legacy, model file only", RegistryListing.Of(fixture.Registry).Single().Digest);
        fixture.Registry.Promote(version.Version, ModelStage.Production);
        File.AppendAllText(Path.Combine(fixture.Registry.VersionDirectory(version.Version), "model.zip"), "!");
        Assert.Contains("will not be loaded", Assert.Throws<ModelingException>(() => fixture.Registry.Verify(version.Version)).Message);
    }

    [Fact]
    public void AVersionFolderCopiedOutOfTheRegistry_IsVerifiedByItsManifest_AndAgainstARecordedDigest()
    {
        using var fixture = new RegistryFixture();
        var registered = fixture.Register("model bytes");
        var copy = fixture["copy"];
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(fixture.Registry.VersionDirectory(registered.Version)))
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));

        Assert.Equal(registered.Digest, VersionFolderIntegrity.Verify(copy, registered.Digest).Digest);

        Assert.Contains($"has digest {registered.Digest} but version {registered.Version} was registered with digest sha256:0000", Assert.Throws<ModelingException>(() => VersionFolderIntegrity.Verify(copy, "sha256:0000")).Message);
        File.WriteAllText(Path.Combine(copy, "spec.json"), """{ "name": "e" }""");
        Assert.Contains($"File {Path.Combine(copy, "spec.json")} has SHA-256", Assert.Throws<ModelingException>(() => VersionFolderIntegrity.Verify(copy)).Message);
    }
}
