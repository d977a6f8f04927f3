using Pipeline.Modeling.Registry;

namespace Pipeline.Modeling.Tests.RegistrySemantics;

public class PruneTests
{
    // v1..v6; production history 1 → 2 → 3 (v2 is the rollback target); v1 still runs on kubernetes.
    static RegistryFixture RegistryWithHistory()
    {
        var fixture = new RegistryFixture();
        for (var i = 1; i <= 6; i++) fixture.Registry.Register(fixture.Request($"m{i}"));
        foreach (var v in new[] { 1, 2, 3 }) fixture.Registry.Promote(v, ModelStage.Production);
        fixture.Registry.Record(new Deployed("kubernetes", "https://k", "img:1") { Version = 1 });
        fixture.Registry.Record(new Deployed("local", "http://127.0.0.1:8080", "img:4") { Version = 4 });
        fixture.Registry.Record(new Deployed("local", "http://127.0.0.1:8080", "img:3") { Version = 3 });
        return fixture;
    }

    [Fact]
    public void Delete_NeverTouchesProductionTheLastProductionOrADeployedVersion()
    {
        using var fixture = RegistryWithHistory();

        var result = fixture.Registry.Prune(keep: 1, PruneMode.Delete, "disk space");

        Assert.Equal([4, 5], result.Pruned);
        Assert.Equal([new KeptVersion(1, "deployed to kubernetes"), new KeptVersion(2, "the last production, the rollback target"), new KeptVersion(3, "production")], result.Protected);
        Assert.Equal([1, 2, 3, 6], fixture.Registry.Versions);
        Assert.False(Directory.Exists(Path.Combine(fixture.Registry.Directory, ".trash")) && Directory.EnumerateFileSystemEntries(Path.Combine(fixture.Registry.Directory, ".trash")).Any());
        var pruned = fixture.Registry.Events.ReadAll().Select(e => e.Event).OfType<VersionPruned>().ToList();
        Assert.Equal([(4, PruneMode.Delete), (5, PruneMode.Delete)], pruned.Select(p => (p.Version!.Value, p.Mode)));
        Assert.Equal(2, fixture.Registry.Rollback());
        Assert.Equal(7, fixture.Registry.Register(fixture.Request("m7")).Version);
    }

    [Fact]
    public void Archive_MovesTheVersionOutOfTheListing_KeepsItsBytes_AndNeverReusesItsNumber()
    {
        using var fixture = RegistryWithHistory();

        var result = fixture.Registry.Prune(keep: 2, PruneMode.Archive);

        Assert.Equal([4], result.Pruned);
        Assert.Equal([4], fixture.Registry.ArchivedByRetention);
        Assert.True(File.Exists(Path.Combine(fixture.Registry.Directory, "archive", "4", "manifest.json")));
        Assert.DoesNotContain(4, fixture.Registry.Stages.Archived);
        Assert.Equal("Archived version 4. Kept: v1 (deployed to kubernetes); v2 (the last production, the rollback target); v3 (production).", result.Message);
        Assert.Equal(7, fixture.Registry.Register(fixture.Request("m7")).Version);
    }

    [Fact]
    public void KeepBelowOne_IsRefused()
    {
        using var fixture = new RegistryFixture();
        Assert.Throws<ArgumentOutOfRangeException>(() => fixture.Registry.Prune(0, PruneMode.Delete));
    }
}
