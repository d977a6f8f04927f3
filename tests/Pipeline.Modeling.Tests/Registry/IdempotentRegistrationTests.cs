using Pipeline.Modeling.Registry;

namespace Pipeline.Modeling.Tests.RegistrySemantics;

public class IdempotentRegistrationTests
{
    [Fact]
    public void SameModelDataAndConfiguration_MapsToTheExistingVersion_AndWritesNothing()
    {
        using var fixture = new RegistryFixture();
        var first = fixture.Register("model bytes");
        fixture.Register("other model");
        var events = fixture.EventFiles();

        var again = fixture.Register("model bytes");

        Assert.Equal(RegistrationOutcome.AlreadyRegistered, again.Outcome);
        Assert.Equal(first.Version, again.Version);
        Assert.Equal(first.Digest, again.Digest);
        Assert.Equal(ModelStage.Production, again.Stage);
        Assert.Contains($"is already registered as version {first.Version} (production); nothing was registered", again.Message);
        Assert.Equal([1, 2], fixture.Registry.Versions);
        Assert.Equal(events, fixture.EventFiles());
        Assert.Empty(Directory.GetDirectories(Path.Combine(fixture.Registry.Directory, ".staging")));
    }

    [Fact]
    public void SameModelBytes_OnOtherDataOrConfiguration_IsANewVersion()
    {
        using var fixture = new RegistryFixture();
        fixture.Register("model bytes");

        var otherData = fixture.Registry.Register(fixture.Request("model bytes", dataHash: "data-2"));
        var otherConfig = fixture.Registry.Register(fixture.Request("model bytes", configHash: "config-2"));

        Assert.Equal((RegistrationOutcome.Registered, 2), (otherData.Outcome, otherData.Version));
        Assert.Equal((RegistrationOutcome.Registered, 3), (otherConfig.Outcome, otherConfig.Version));
    }

    [Fact]
    public void AVersionCommittedButNeverRecordedOrStaged_IsFinishedByTheNextRegistration_NotRegisteredAgain()
    {
        using var fixture = new RegistryFixture();
        fixture.Register("champion");
        // The writer dies right after the commit rename, before its Registered and StageChanged events.
        Assert.Throws<OperationCanceledException>(() => fixture.Registry.Register(fixture.Request("challenger", stage: ModelStage.Staging),
            step => { if (step == RegistrationStep.Committed) throw new OperationCanceledException("killed"); }));
        Assert.Equal([1, 2], fixture.Registry.Versions);
        Assert.Null(fixture.Registry.Stages.StageOf(2));

        var next = fixture.Registry.Register(fixture.Request("challenger", stage: ModelStage.Staging));

        Assert.Equal((RegistrationOutcome.Finished, 2, ModelStage.Staging), (next.Outcome, next.Version, next.Stage));
        Assert.Equal([1, 2], fixture.Registry.Versions);
        var registered = fixture.Registry.Events.ReadAll().Select(e => e.Event).OfType<VersionRegistered>().Where(e => e.Version == 2).ToList();
        Assert.Equal(fixture.Registry.Verify(2).Digest, Assert.Single(registered).Digest);
        Assert.Equal(2, fixture.Registry.Stages.Staging);

        Assert.Equal(RegistrationOutcome.AlreadyRegistered, fixture.Registry.Register(fixture.Request("challenger", stage: ModelStage.Staging)).Outcome);
    }

    [Fact]
    public void ARecordedVersionWhoseStageWasNeverGiven_GetsItsStageFromTheNextRegistration()
    {
        using var fixture = new RegistryFixture();
        var unstaged = fixture.Registry.Register(fixture.Request("model bytes"));
        Assert.Null(unstaged.Stage);

        var next = fixture.Registry.Register(fixture.Request("model bytes", stage: ModelStage.Production));

        Assert.Equal((RegistrationOutcome.Finished, ModelStage.Production), (next.Outcome, next.Stage));
        Assert.Single(fixture.Registry.Events.ReadAll().Select(e => e.Event).OfType<VersionRegistered>());
    }

    [Fact]
    public void ConcurrentRegistrationsOfOneModel_LandAsOneVersion()
    {
        using var fixture = new RegistryFixture();
        var requests = Enumerable.Range(0, 4).Select(_ => fixture.Request("model bytes", stage: ModelStage.Production)).ToList();

        var results = requests.AsParallel().WithDegreeOfParallelism(4).Select(r => fixture.Registry.Register(r)).ToList();

        Assert.Equal([1], fixture.Registry.Versions);
        Assert.Single(results, r => r.Outcome == RegistrationOutcome.Registered);
        Assert.All(results, r => Assert.Equal(1, r.Version));
        Assert.Single(fixture.Registry.Events.ReadAll().Select(e => e.Event).OfType<StageChanged>());
    }
}
