using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Pipeline.Modeling.Registry;

namespace Pipeline.Modeling.Tests.RegistrySemantics;

public class EventLogTests
{
    [Fact]
    public void EveryFact_IsAnImmutableFileNamedBySequenceAndContentHash()
    {
        using var fixture = new RegistryFixture();
        fixture.Register("one");
        fixture.Register("two");
        fixture.Registry.Promote(2, ModelStage.Production, "better on recent data", observed: null);

        var events = fixture.Registry.Events.ReadAll();

        Assert.Equal(["VersionRegistered", "StageChanged", "VersionRegistered", "StageChanged", "StageChanged"], events.Select(e => e.Event.GetType().Name));
        Assert.Equal([1L, 2, 3, 4, 5], events.Select(e => e.Event.Sequence));
        foreach (var stored in events)
        {
            var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(stored.Path)));
            Assert.Equal($"{stored.Event.Sequence:D8}-{sha[..12]}.json", Path.GetFileName(stored.Path));
            Assert.Matches(new Regex(@"^.+@.+$"), stored.Event.Actor);
        }
        var promotion = Assert.IsType<StageChanged>(events[^1].Event);
        Assert.Equal((ModelStage.Staging, ModelStage.Production, 1, "better on recent data"), (promotion.From!.Value, promotion.To, promotion.ExpectedProduction!.Value, promotion.Reason));
    }

    [Fact]
    public void ADamagedEvent_IsRefusedNamingTheFileAndBothHashes()
    {
        using var fixture = new RegistryFixture();
        fixture.Register("one");
        var path = fixture.Registry.Events.ReadAll()[^1].Path;
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"production\"", "\"staging\""));
        var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

        var error = Assert.Throws<ModelingException>(() => fixture.Registry.Stages);

        Assert.Contains($"The registry event {path} has SHA-256 {actual} but its name records {Path.GetFileName(path)[9..21]}", error.Message);
    }

    [Fact]
    public void Stages_AreDerivedFromTheLog_AndStagesJsonIsOnlyAView()
    {
        using var fixture = new RegistryFixture();
        fixture.Register("one");
        fixture.Register("two");
        var view = Path.Combine(fixture.Registry.Directory, "stages.json");
        Assert.Contains("\"production\": 1", File.ReadAllText(view));

        File.WriteAllText(view, """{ "production": 2 }""");

        Assert.Equal(1, fixture.Registry.Stages.Production);
        Assert.Equal(2, fixture.Registry.Stages.Staging);
    }

    [Fact]
    public void ALegacyStagesJson_IsTheInitialState_AndTheFirstStageChangeMigratesItIntoTheLog()
    {
        using var fixture = new RegistryFixture();
        for (var i = 1; i <= 3; i++) fixture.Registry.Register(fixture.Request($"m{i}"));
        var view = Path.Combine(fixture.Registry.Directory, "stages.json");
        File.WriteAllText(view, """{ "production": 2, "staging": 3, "archived": [1], "productionHistory": [1, 2] }""");
        Assert.Equal(2, fixture.Registry.Stages.Production);

        fixture.Registry.Promote(3, ModelStage.Production);
        File.Delete(view);

        var imported = Assert.Single(fixture.Registry.Events.ReadAll().Select(e => e.Event).OfType<StagesImported>());
        Assert.Equal(2, imported.Stages.Production);
        Assert.Equal(3, fixture.Registry.Stages.Production);
        Assert.Equal([1, 2, 3], fixture.Registry.Stages.ProductionHistory);
        Assert.Equal(2, fixture.Registry.Rollback());
        Assert.Equal(1, fixture.Registry.Rollback());
    }

    [Fact]
    public void AStageChangeDecidedOnAStaleProduction_IsReportedAsARace_NotLost()
    {
        using var fixture = new RegistryFixture();
        for (var i = 1; i <= 3; i++) fixture.Registry.Register(fixture.Request($"m{i}"));
        fixture.Registry.Promote(1, ModelStage.Production);
        // Two writers both saw production v1; the second decides after the first promoted v2.
        var first = fixture.Registry.Promote(2, ModelStage.Production, "writer A", new ObservedProduction(1));
        var second = fixture.Registry.Promote(3, ModelStage.Production, "writer B", new ObservedProduction(1));

        Assert.Null(first.Race);
        var race = Assert.IsType<StageRace>(second.Race);
        Assert.Equal((3, ModelStage.Production, (int?)1, (int?)2), (race.Version, race.To, race.ExpectedProduction, race.ActualProduction));
        Assert.Contains("was decided when production was v1, but production was already v2: it raced with another stage change", race.Message);
        Assert.Equal(3, second.Stages.Production);
        Assert.Equal([race], fixture.Registry.StageState.Races);
    }

    [Fact]
    public void Rollback_WalksBackTheProductionHistoryOfTheLog()
    {
        using var fixture = new RegistryFixture();
        for (var i = 1; i <= 3; i++) fixture.Registry.Register(fixture.Request($"m{i}"));
        foreach (var v in new[] { 1, 2, 3 }) fixture.Registry.Promote(v, ModelStage.Production);

        var back = fixture.Registry.Rollback("v3 answers slowly");

        Assert.Equal(2, back.Stages.Production);
        Assert.Equal([1, 3], back.Stages.Archived);
        Assert.True(Assert.IsType<StageChanged>(fixture.Registry.Events.ReadAll()[^1].Event).IsRollback);
        Assert.Equal(1, fixture.Registry.Rollback());
        Assert.Contains("no earlier one to roll back to", Assert.Throws<ModelingException>(() => fixture.Registry.Rollback()).Message);
    }

    [Fact]
    public void EventsWithOneSequenceNumber_AreReadInTheOrderOfTheirHashes()
    {
        using var fixture = new RegistryFixture();
        fixture.Register("one");
        var log = fixture.Registry.Events;
        var directory = log.Directory;
        // Two writers without a shared lock (as on a backend without compare-and-swap) both wrote sequence 3.
        foreach (var environment in new[] { "local", "kubernetes" })
        {
            var stored = log.Append(new Deployed(environment, "http://x", "img") { Version = 1 });
            var bytes = System.Text.Encoding.UTF8.GetBytes(File.ReadAllText(stored.Path).Replace($"\"sequence\": {stored.Event.Sequence}", "\"sequence\": 3"));
            File.Delete(stored.Path);
            File.WriteAllBytes(Path.Combine(directory, $"00000003-{Convert.ToHexStringLower(SHA256.HashData(bytes))[..12]}.json"), bytes);
        }

        var names = fixture.Registry.Events.ReadAll().Where(e => e.Event.Sequence == 3).Select(e => Path.GetFileName(e.Path)).ToList();

        Assert.Equal(2, names.Count);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }
}
