using Pipeline.Modeling.Cards;
using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Registry;

namespace Pipeline.Modeling.Tests.RegistryBackends;

/// <summary>
/// The model card is stored with the version in every backend: rendered from the final metadata (its number), listed
/// in the version's manifest like every other file, and a version without one (registered before cards) still loads
/// and gets a card from its metadata alone.
/// </summary>
public abstract class ModelCardStorageTests
{
    protected abstract RegistryBackend CreateBackend();

    protected static RegistrationRequest Request(RegistryBackend backend, string model, bool withCard)
    {
        var path = backend[$"{model}.zip"];
        File.WriteAllText(path, model);
        var facts = new ModelCardFacts
        {
            IntendedUse = "Flags sessions that convert.",
            Test = new Dictionary<string, double> { ["f1"] = 0.8 },
            Causes = [new CauseRecord("TWF", 10, 2)],
        };
        return new RegistrationRequest(new ModelRegistration(path,
            new ModelMetadata { Lineage = new() { Dataset = "d", Trainer = "LightGbm", DataHash = "data-1", ConfigHash = "config-1", RunId = $"run-{model}" } },
            new Dictionary<string, string> { ["spec.json"] = """{ "name": "d" }""" })
        {
            SealedFiles = withCard ? metadata => new Dictionary<string, string>
            {
                [RegistryLayout.ModelCardFactsFile] = facts.ToJson(),
                [RegistryLayout.ModelCardMarkdownFile] = new ModelCard(metadata, null, facts).ToMarkdown(),
                [RegistryLayout.ModelCardHtmlFile] = new ModelCard(metadata, null, facts).ToHtml(),
            } : null,
        })
        {
            ChooseStage = stages => new StageDecision(ModelStage.Production, "test"),
        };
    }

    [SkippableFact]
    public void RegisteredCard_CarriesTheVersionNumber_IsInTheManifest_AndIsReadBackFromAnotherHandle()
    {
        using var backend = CreateBackend();
        using var registry = backend.Open();
        registry.Register(Request(backend, "model a", withCard: true));

        var second = registry.Register(Request(backend, "model b", withCard: true));

        using var otherMachine = backend.Open();
        var folder = otherMachine.LocalVersionDirectory(second.Version);
        var manifest = VersionManifest.Parse(File.ReadAllBytes(Path.Combine(folder, VersionManifest.FileName)), folder);
        Assert.Subset(manifest.Files.Select(f => f.Name).ToHashSet(),
            new HashSet<string> { RegistryLayout.ModelCardFactsFile, RegistryLayout.ModelCardMarkdownFile, RegistryLayout.ModelCardHtmlFile });
        Assert.StartsWith("# Model card: d v2", File.ReadAllText(Path.Combine(folder, RegistryLayout.ModelCardMarkdownFile)), StringComparison.Ordinal);
        Assert.Contains("<h1>Model card: d v2</h1>", File.ReadAllText(Path.Combine(folder, RegistryLayout.ModelCardHtmlFile)), StringComparison.Ordinal);
        Assert.Equal(second.Version, otherMachine.Verify(second.Version).Version);
        var card = ModelCard.Read(folder, otherMachine.ReadEvents(), otherMachine.Stages, DateTimeOffset.UtcNow);
        Assert.Equal("Flags sessions that convert.", card.Facts?.IntendedUse);
        Assert.Contains(card.Limits(), l => l.StartsWith("Misses most TWF failures: detected 2 of 10", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void VersionWithoutCard_StillLoads_AndGetsACardFromItsMetadataAlone()
    {
        using var backend = CreateBackend();
        using var registry = backend.Open();

        var legacy = registry.Register(Request(backend, "model a", withCard: false));

        var folder = registry.LocalVersionDirectory(legacy.Version);
        Assert.False(File.Exists(Path.Combine(folder, RegistryLayout.ModelCardMarkdownFile)));
        registry.Verify(legacy.Version);
        var card = ModelCard.Read(folder, registry.ReadEvents(), registry.Stages, DateTimeOffset.UtcNow);
        Assert.Null(card.Facts);
        Assert.Contains("registered before model cards", card.ToMarkdown(), StringComparison.Ordinal);
    }
}

public sealed class FolderModelCardStorageTests : ModelCardStorageTests
{
    protected override RegistryBackend CreateBackend() => new FolderBackend();

    [Fact]
    public void ChangedCard_IsRefusedByVerification()
    {
        using var backend = CreateBackend();
        using var registry = backend.Open();
        var version = registry.Register(Request(backend, "model a", withCard: true)).Version;
        var card = Path.Combine(registry.LocalVersionDirectory(version), RegistryLayout.ModelCardMarkdownFile);
        File.WriteAllText(card, File.ReadAllText(card).Replace("Misses", "Catches", StringComparison.Ordinal));

        var refused = Assert.Throws<ModelingException>(() => registry.Verify(version));

        Assert.Contains(RegistryLayout.ModelCardMarkdownFile, refused.Message, StringComparison.Ordinal);
    }
}

public sealed class OciModelCardStorageTests : ModelCardStorageTests
{
    protected override RegistryBackend CreateBackend() => new OciBackend();
}
