using Pipeline.Modeling.Registry;

namespace Pipeline.Modeling.Tests;

/// <summary>
/// A damaged registry (tampered model, unreadable metadata, corrupted stages.json) is refused with a sentence naming
/// the file, and nothing about the stages changes: a model that could not be loaded is never put in front of traffic.
/// </summary>
public class RegistryDamageTests
{
    static ModelRegistry RegistryWithVersions(TemporaryDirectory folder, int count)
    {
        var registry = new ModelRegistry(folder["registry"]);
        for (var i = 1; i <= count; i++)
        {
            var model = folder[$"model-{i}.zip"];
            File.WriteAllText(model, $"model {i}");
            registry.Register(new ModelRegistration(model, new ModelMetadata { Lineage = new() { Dataset = "d", Trainer = "LightGbm" } }, new Dictionary<string, string>()));
        }
        return registry;
    }

    static string StagesPath(ModelRegistry registry) => Path.Combine(registry.Directory, "stages.json");

    static void Tamper(ModelRegistry registry, int version) =>
        File.AppendAllText(Path.Combine(registry.VersionDirectory(version), "model.zip"), "!");

    [Theory]
    [InlineData(ModelStage.Production)]
    [InlineData(ModelStage.Staging)]
    public void Promote_OfATamperedVersion_IsRefusedAndLeavesTheStagesAlone(ModelStage stage)
    {
        using var folder = new TemporaryDirectory();
        var registry = RegistryWithVersions(folder, 2);
        registry.Promote(2, ModelStage.Production);
        var before = File.ReadAllText(StagesPath(registry));
        Tamper(registry, 1);

        var error = Assert.Throws<ModelingException>(() => registry.Promote(1, stage));

        Assert.Contains($"Version 1 cannot be given the stage {stage.ToString().ToLowerInvariant()}", error.Message);
        Assert.Contains(Path.Combine(registry.VersionDirectory(1), "model.zip"), error.Message);
        Assert.Contains("will not be loaded", error.Message);
        Assert.Equal(before, File.ReadAllText(StagesPath(registry)));
    }

    [Fact]
    public void Archiving_ATamperedVersion_IsAllowed_BecauseItRetiresIt()
    {
        using var folder = new TemporaryDirectory();
        var registry = RegistryWithVersions(folder, 1);
        Tamper(registry, 1);

        registry.Promote(1, ModelStage.Archived);

        Assert.Equal(ModelStage.Archived, registry.Stages.StageOf(1));
    }

    [Fact]
    public void Rollback_ToATamperedVersion_IsRefusedAndLeavesTheStagesAlone()
    {
        using var folder = new TemporaryDirectory();
        var registry = RegistryWithVersions(folder, 2);
        registry.Promote(1, ModelStage.Production);
        registry.Promote(2, ModelStage.Production);
        var before = File.ReadAllText(StagesPath(registry));
        Tamper(registry, 1);

        var error = Assert.Throws<ModelingException>(() => registry.Rollback());

        Assert.StartsWith("Cannot roll back to version 1:", error.Message);
        Assert.Equal(before, File.ReadAllText(StagesPath(registry)));
        Assert.Equal(2, registry.Stages.Production);
    }

    [Fact]
    public void Promote_OfAVersionWithUnreadableMetadata_IsRefusedNamingTheFile()
    {
        using var folder = new TemporaryDirectory();
        var registry = RegistryWithVersions(folder, 1);
        var metadata = Path.Combine(registry.VersionDirectory(1), "metadata.json");
        File.WriteAllText(metadata, """{ "version": "one" }""");

        var error = Assert.Throws<ModelingException>(() => registry.Promote(1, ModelStage.Production));

        Assert.Contains(metadata, error.Message);
        Assert.Contains("at $.version", error.Message);
        Assert.Contains("expected a whole number", error.Message);
        Assert.False(File.Exists(StagesPath(registry)));
    }

    [Fact]
    public void Rollback_WithNoProductionVersion_SaysWhatToDo()
    {
        using var folder = new TemporaryDirectory();
        var registry = RegistryWithVersions(folder, 1);

        var error = Assert.Throws<ModelingException>(() => registry.Rollback());

        Assert.Contains($"The model registry {registry.Directory} has no production version to roll back", error.Message);
        Assert.Contains("./build.sh Promote", error.Message);
    }

    [Theory]
    [InlineData("""{ "production": 1,""", "is not valid (line 1)")]
    [InlineData("", "the text is empty")]
    [InlineData("null", "holds null")]
    [InlineData("""{ "production": "one" }""", "at $.production (line 1): expected a whole number")]
    [InlineData("""{ "production": 1, "productionHistory": null }""", "holds null in 'productionHistory'")]
    [InlineData("""{ "production": 42 }""", "names version 42 in 'production', but the registry has no such version (registered: 1, 2)")]
    [InlineData("""{ "production": 1, "archived": [2, 9] }""", "names version 9 in 'archived'")]
    public void DamagedStagesFile_IsAnErrorNamingTheFile_NeverTreatedAsEmpty(string content, string expected)
    {
        using var folder = new TemporaryDirectory();
        var registry = RegistryWithVersions(folder, 2);
        File.WriteAllText(StagesPath(registry), content);

        var read = Assert.Throws<ModelingException>(() => registry.Stages);
        var promote = Assert.Throws<ModelingException>(() => registry.Promote(2, ModelStage.Production));

        Assert.Contains(StagesPath(registry), read.Message);
        Assert.Contains(expected, read.Message);
        Assert.DoesNotContain("BytePositionInLine", read.Message);
        Assert.Equal(read.Message, promote.Message);
        Assert.Equal(content, File.ReadAllText(StagesPath(registry)));
    }
}
