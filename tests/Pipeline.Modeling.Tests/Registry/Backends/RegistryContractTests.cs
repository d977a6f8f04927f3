using System.Security.Cryptography;
using Pipeline.Modeling.Registry;

namespace Pipeline.Modeling.Tests.RegistryBackends;

/// <summary>
/// The guarantees every registry backend gives, run against each (<see cref="FolderRegistryContractTests"/>,
/// <see cref="OciRegistryContractTests"/>): the same operations, the same answers.
/// </summary>
public abstract class RegistryContractTests
{
    protected abstract RegistryBackend CreateBackend();

    int files;

    RegistrationRequest Request(RegistryBackend backend, string model, string dataHash = "data-1", ModelStage? stage = null)
    {
        var path = backend[$"model-{Interlocked.Increment(ref files)}.zip"];
        File.WriteAllText(path, model);
        return new RegistrationRequest(new ModelRegistration(path,
            new ModelMetadata { Lineage = new() { Dataset = "d", Trainer = "LightGbm", DataHash = dataHash, ConfigHash = "config-1", RunId = $"run-{model}", GitCommit = "abc123" }, Metrics = new Dictionary<string, double> { ["f1"] = 0.9 } },
            new Dictionary<string, string> { ["spec.json"] = """{ "name": "d" }""", ["input-example.json"] = "{}" }))
        {
            DataSource = "data/a.csv",
            ChooseStage = stage is { } s ? _ => new StageDecision(s, "test") : null,
        };
    }

    [SkippableFact]
    public void Register_GivesNumbersInOrder_AndTheSameModelAgainMapsToItsVersion()
    {
        using var backend = CreateBackend();
        using var registry = backend.Open();

        var first = registry.Register(Request(backend, "model a", stage: ModelStage.Production));
        var second = registry.Register(Request(backend, "model b", stage: ModelStage.Staging));
        using var otherMachine = backend.Open();
        var again = otherMachine.Register(Request(backend, "model a", stage: ModelStage.Staging));

        Assert.Equal((RegistrationOutcome.Registered, 1, ModelStage.Production), (first.Outcome, first.Version, first.Stage));
        Assert.Equal((RegistrationOutcome.Registered, 2, ModelStage.Staging), (second.Outcome, second.Version, second.Stage));
        Assert.Equal((RegistrationOutcome.AlreadyRegistered, 1, ModelStage.Production), (again.Outcome, again.Version, again.Stage));
        Assert.Equal(first.Digest, again.Digest);
        Assert.Equal([1, 2], otherMachine.Versions);
        Assert.Equal(2, otherMachine.ReadEvents().Count(e => e.Event is VersionRegistered));
        Assert.Equal(first.Digest, otherMachine.Verify(1).Digest);
    }

    [SkippableFact]
    public void LocalVersionDirectory_HoldsTheVersionsFilesAsRegistered()
    {
        using var backend = CreateBackend();
        using var registry = backend.Open();
        var registered = registry.Register(Request(backend, "model bytes"));

        using var otherMachine = backend.Open();
        var folder = otherMachine.LocalVersionDirectory(registered.Version);

        Assert.Equal("model bytes", File.ReadAllText(Path.Combine(folder, "model.zip")));
        Assert.Equal("""{ "name": "d" }""", File.ReadAllText(Path.Combine(folder, "spec.json")));
        Assert.Equal(registered.Metadata.ModelSha256, ModelMetadata.Read(Path.Combine(folder, "metadata.json")).ModelSha256);
        Assert.True(File.Exists(Path.Combine(folder, VersionManifest.FileName)));
        var missing = Assert.Throws<ModelingException>(() => otherMachine.LocalVersionDirectory(7));
        Assert.Contains("Version 7 is not in the model registry", missing.Message);
    }

    [SkippableFact]
    public void PromoteAndRollback_WalkTheProductionHistory_AsSeenFromAnotherMachine()
    {
        using var backend = CreateBackend();
        using var registry = backend.Open();
        registry.Register(Request(backend, "model a", stage: ModelStage.Production));
        registry.Register(Request(backend, "model b", stage: ModelStage.Staging));

        var promoted = registry.Promote(2, ModelStage.Production, "better", observed: null);
        using var otherMachine = backend.Open();
        var rolledBack = otherMachine.Rollback("bad in production");

        Assert.Equal(2, promoted.Stages.Production);
        Assert.Null(promoted.Race);
        Assert.Equal(1, rolledBack.Stages.Production);
        Assert.Equal([2], rolledBack.Stages.Archived);
        Assert.Equal(1, registry.Stages.Production);
        Assert.True(registry.ReadEvents().OfType<StoredEvent>().Last().Event is StageChanged { IsRollback: true, Reason: "bad in production" });
    }

    [SkippableFact]
    public void StageChangeDecidedOnAStaleProduction_IsReportedAsARace()
    {
        using var backend = CreateBackend();
        using var registry = backend.Open();
        registry.Register(Request(backend, "model a", stage: ModelStage.Production));
        registry.Register(Request(backend, "model b"));
        registry.Register(Request(backend, "model c"));
        var seenByFirstWriter = new ObservedProduction(registry.Stages.Production);

        using var secondWriter = backend.Open();
        secondWriter.Promote(2, ModelStage.Production, "second writer", observed: null);
        var late = registry.Promote(3, ModelStage.Production, "first writer", seenByFirstWriter);

        Assert.NotNull(late.Race);
        Assert.Equal((1, 2), (late.Race!.ExpectedProduction, late.Race.ActualProduction));
        Assert.Contains("raced with another stage change", late.Race.Message);
        Assert.Equal(3, secondWriter.Stages.Production);
        Assert.Single(secondWriter.StageState.Races);
    }

    [SkippableFact]
    public void RecordedEvents_AreReadBackInOrder_AndShowInTheListingAndLineage()
    {
        using var backend = CreateBackend();
        using var registry = backend.Open();
        registry.Register(Request(backend, "model a", stage: ModelStage.Production));
        registry.Record(new ImageBuilt("pipeline:1", "sha256:" + new string('e', 64), ["1"]) { Version = 1 });
        registry.Record(new Deployed("local", "http://127.0.0.1:8080", "pipeline:1") { Version = 1 });

        using var otherMachine = backend.Open();
        var events = otherMachine.ReadEvents();
        var row = Assert.Single(RegistryListing.Of(otherMachine));
        var lineage = VersionLineage.Of(otherMachine, 1).ToText();

        Assert.Equal(["VersionRegistered", "StageChanged", "ImageBuilt", "Deployed"], events.Select(e => e.Event.GetType().Name));
        Assert.Equal(Enumerable.Range(1, 4).Select(i => (long)i), events.Select(e => e.Event.Sequence));
        Assert.Equal(otherMachine.VersionDigest(1), row.Digest);
        Assert.Equal("sha256:" + new string('e', 64), row.ImageDigest);
        Assert.Equal("local", row.LastDeployment?.Environment);
        Assert.Equal(ModelStage.Production, row.Stage);
        Assert.Contains("deployed  local at http://127.0.0.1:8080", lineage);
        Assert.Throws<ArgumentException>(() => registry.Record(new StageChanged(null, ModelStage.Production, null) { Version = 1 }));
        Assert.Contains("Version 9 is not in the model registry", Assert.Throws<ModelingException>(() => registry.Record(new Deployed("local", "", "") { Version = 9 })).Message);
    }

    [SkippableFact]
    public void DamagedModel_IsRefusedByVerifyAndPromote_NamingBothDigests()
    {
        using var backend = CreateBackend();
        using var registry = backend.Open();
        registry.Register(Request(backend, "model a", stage: ModelStage.Production));
        var registered = registry.Register(Request(backend, "model b"));
        var tampered = "model B"u8.ToArray();

        backend.DamageModel(registry, 2, tampered);
        using var otherMachine = backend.Open();
        var refused = Assert.Throws<ModelingException>(() => otherMachine.Verify(2));
        var promote = Assert.Throws<ModelingException>(() => otherMachine.Promote(2, ModelStage.Production, "", observed: null));

        Assert.Contains(registered.Metadata.ModelSha256, refused.Message);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(tampered)), refused.Message);
        Assert.Contains("will not be loaded", refused.Message);
        Assert.StartsWith("Version 2 cannot be given the stage production", promote.Message);
        Assert.Equal(1, otherMachine.Stages.Production);
    }

    [SkippableFact]
    public void Prune_KeepsProductionAndTheRollbackTarget_AndNeverGivesANumberAgain()
    {
        using var backend = CreateBackend();
        using var registry = backend.Open();
        registry.Register(Request(backend, "model a"));
        registry.Register(Request(backend, "model b", stage: ModelStage.Production));
        registry.Register(Request(backend, "model c"));
        registry.Register(Request(backend, "model d"));
        registry.Promote(4, ModelStage.Production, "", observed: null);

        var result = registry.Prune(keep: 1, PruneMode.Delete, "tidy");
        var next = registry.Register(Request(backend, "model e"));

        Assert.Equal([1, 3], result.Pruned);
        Assert.Equal([2], result.Protected.Select(k => k.Version));
        Assert.Equal([2, 4, 5], registry.Versions);
        Assert.Equal(5, next.Version);
        Assert.Equal(2, registry.ReadEvents().Count(e => e.Event is VersionPruned { Mode: PruneMode.Delete, Reason: "tidy" }));
        Assert.Equal(2, registry.Rollback("").Stages.Production);
    }
}

public sealed class FolderRegistryContractTests : RegistryContractTests
{
    protected override RegistryBackend CreateBackend() => new FolderBackend();
}

public sealed class OciRegistryContractTests : RegistryContractTests
{
    protected override RegistryBackend CreateBackend() => new OciBackend();
}
