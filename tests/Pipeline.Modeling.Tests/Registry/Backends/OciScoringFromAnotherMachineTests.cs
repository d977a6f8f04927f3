using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Scoring;

namespace Pipeline.Modeling.Tests.RegistryBackends;

/// <summary>A trained model registered in the OCI registry is scored on another machine from its local folder.</summary>
public class OciScoringFromAnotherMachineTests(RegisteredModelFixture fixture) : IClassFixture<RegisteredModelFixture>
{
    [SkippableFact]
    public void AVersionPulledOnAnotherMachine_LoadsAndScoresAsTheRegisteredFolderDoes()
    {
        using var backend = new OciBackend();
        var folder = fixture.VersionDirectory;
        var extraFiles = new[] { "spec.json", "input-schema.json", "input-example.json" }
            .Where(name => File.Exists(Path.Combine(folder, name)))
            .ToDictionary(name => name, name => File.ReadAllText(Path.Combine(folder, name)));
        using (var laptop = backend.Open())
            laptop.Register(new RegistrationRequest(new ModelRegistration(Path.Combine(folder, "model.zip"), fixture.Metadata, extraFiles)));

        using var ci = backend.Open();
        using var pulled = ScoringModel.Load(ci.LocalVersionDirectory(1));
        using var original = ScoringModel.Load(folder);
        var records = fixture.Features.TestRows.Take(50).Select(fixture.Features.Record).ToList();

        Assert.Equal(original.ScoreBatch(records), pulled.ScoreBatch(records));
        Assert.Equal(fixture.Metadata.ModelSha256, ci.Metadata(1).ModelSha256);
        Assert.Equal(ci.VersionDigest(1), ci.Verify(1).Digest);
    }
}
