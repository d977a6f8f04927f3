using Pipeline.Modeling.Registry;

namespace Pipeline.Modeling.Tests;

public class ModelRegistryTests
{
    static ModelMetadata Register(ModelRegistry registry, TemporaryDirectory folder, string content)
    {
        var model = folder[$"model-{Guid.NewGuid():N}.zip"];
        File.WriteAllText(model, content);
        return registry.Register(new ModelRegistration(model, new ModelMetadata { Lineage = new() { Dataset = "d", Trainer = "LightGbm" } },
            new Dictionary<string, string> { ["input-example.json"] = "{}" }));
    }

    [Fact]
    public void Register_CreatesNumberedImmutableVersions_WithHashAndParent()
    {
        using var folder = new TemporaryDirectory();
        var registry = new ModelRegistry(folder["registry"]);
        var first = Register(registry, folder, "one");
        registry.Promote(first.Version, ModelStage.Production);
        var second = Register(registry, folder, "two");

        Assert.Equal([1, 2], registry.Versions);
        Assert.Null(first.Lineage.ParentVersion);
        Assert.Equal(1, second.Lineage.ParentVersion);
        Assert.Equal(ModelFileIntegrity.Sha256Of(Path.Combine(registry.VersionDirectory(2), "model.zip")), registry.Metadata(2).ModelSha256);
        Assert.True(File.Exists(Path.Combine(registry.VersionDirectory(2), "input-example.json")));
    }

    [Fact]
    public void Promote_ArchivesThePreviousProduction_AndRollbackRestoresIt()
    {
        using var folder = new TemporaryDirectory();
        var registry = new ModelRegistry(folder["registry"]);
        for (var i = 0; i < 3; i++) Register(registry, folder, $"m{i}");

        registry.Promote(1, ModelStage.Production);
        registry.Promote(3, ModelStage.Staging);
        registry.Promote(2, ModelStage.Production);
        Assert.Equal(2, registry.Stages.Production);
        Assert.Equal(ModelStage.Archived, registry.Stages.StageOf(1));
        Assert.Equal(ModelStage.Staging, registry.Stages.StageOf(3));

        Assert.Equal(1, registry.Rollback());
        Assert.Equal(1, registry.Stages.Production);
        Assert.Equal(ModelStage.Archived, registry.Stages.StageOf(2));
        Assert.Contains("no earlier one to roll back to", Assert.Throws<ModelingException>(() => registry.Rollback()).Message);
    }

    [Fact]
    public void Promote_UnknownVersion_ListsTheRegisteredOnes()
    {
        using var folder = new TemporaryDirectory();
        var registry = new ModelRegistry(folder["registry"]);
        Register(registry, folder, "one");
        var error = Assert.Throws<ModelingException>(() => registry.Promote(7, ModelStage.Production));
        Assert.Contains("Version 7 is not in the model registry", error.Message);
        Assert.Contains("registered versions: 1", error.Message);
    }

    [Fact]
    public void TamperedModelFile_IsRefused()
    {
        using var folder = new TemporaryDirectory();
        var registry = new ModelRegistry(folder["registry"]);
        var metadata = Register(registry, folder, "original model bytes");
        var directory = registry.VersionDirectory(metadata.Version);
        File.WriteAllText(Path.Combine(directory, "model.zip"), "ORIGINAL model bytes");

        var error = Assert.Throws<ModelingException>(() => ModelFileIntegrity.Verify(directory, registry.Metadata(1)));
        Assert.Contains("has been modified and will not be loaded", error.Message);
    }

    [Fact]
    public void TruncatedModelFile_IsRefused()
    {
        using var folder = new TemporaryDirectory();
        var registry = new ModelRegistry(folder["registry"]);
        var metadata = Register(registry, folder, "original model bytes");
        var path = Path.Combine(registry.VersionDirectory(metadata.Version), "model.zip");
        using (var stream = new FileStream(path, FileMode.Open)) { stream.SetLength(5); }

        var error = Assert.Throws<ModelingException>(() => ModelFileIntegrity.Verify(registry.VersionDirectory(1), registry.Metadata(1)));
        Assert.Contains("is 5 bytes but 20 were registered: it is truncated", error.Message);
    }

    [Fact]
    public void ReadVerified_ReturnsTheRegisteredBytes()
    {
        using var folder = new TemporaryDirectory();
        var registry = new ModelRegistry(folder["registry"]);
        var metadata = Register(registry, folder, "original model bytes");

        var bytes = ModelFileIntegrity.ReadVerified(registry.VersionDirectory(metadata.Version), registry.Metadata(metadata.Version));

        Assert.Equal("original model bytes"u8.ToArray(), bytes);
        Assert.Equal(metadata.ModelSha256, ModelFileIntegrity.Sha256Of(bytes));
    }

    [Fact]
    public void ReadVerified_RefusesTamperedAndTruncatedFiles_LikeVerify()
    {
        using var folder = new TemporaryDirectory();
        var registry = new ModelRegistry(folder["registry"]);
        var metadata = Register(registry, folder, "original model bytes");
        var directory = registry.VersionDirectory(metadata.Version);
        var path = Path.Combine(directory, "model.zip");

        File.WriteAllText(path, "ORIGINAL model bytes");
        var modified = Assert.Throws<ModelingException>(() => ModelFileIntegrity.ReadVerified(directory, registry.Metadata(1)));
        Assert.Contains("has been modified and will not be loaded", modified.Message);

        using (var stream = new FileStream(path, FileMode.Open)) { stream.SetLength(5); }
        var truncated = Assert.Throws<ModelingException>(() => ModelFileIntegrity.ReadVerified(directory, registry.Metadata(1)));
        Assert.Contains("is 5 bytes but 20 were registered: it is truncated", truncated.Message);
    }
}
