using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Steps;
using Pipeline.Modeling.Tests.RegistrySemantics;

namespace Pipeline.Modeling.Tests.Retrain;

/// <summary>The retrain cooldown, read from the registry's event log: hours since the last retrain, drift-triggered runs held back since.</summary>
public class RetrainCooldownTests
{
    static (RegistryFixture Fixture, StoredEvent Retrain) RegistryWithARetrain()
    {
        var fixture = new RegistryFixture();
        var first = fixture.Register("champion").Version;
        var second = fixture.Register("challenger").Version;
        return (fixture, fixture.Registry.Record(new RetrainTriggered(second) { Version = first, Reason = "drift in Torque [Nm]" }));
    }

    [Fact]
    public void WithoutARetrainInTheLog_NothingHoldsBack()
    {
        using var fixture = new RegistryFixture();
        fixture.Register("champion");

        var verdict = RetrainCooldown.Check(fixture.Registry.ReadEvents(), new RetrainCooldownSettings(24, 2), DateTimeOffset.UtcNow);

        Assert.False(verdict.Holds);
        Assert.Null(verdict.LastRetrain);
    }

    [Fact]
    public void Hours_HoldWithinTheCooldown_AndSayWhenTheNextRetrainIsAllowed()
    {
        var (fixture, retrain) = RegistryWithARetrain();
        using var _ = fixture;
        var settings = new RetrainCooldownSettings(24, 0);
        var at = retrain.Event.TimeUtc;

        var within = RetrainCooldown.Check(fixture.Registry.ReadEvents(), settings, at.AddHours(23));
        var after = RetrainCooldown.Check(fixture.Registry.ReadEvents(), settings, at.AddHours(25));

        Assert.True(within.Holds);
        Assert.Contains($"the last retrain was at {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC (23 h ago, from v1 to v2)", within.Sentence);
        Assert.Contains($"the next retrain is allowed from {at.AddHours(24).UtcDateTime:yyyy-MM-dd HH:mm} UTC (cooldown.hours 24)", within.Sentence);
        Assert.False(after.Holds);
    }

    [Fact]
    public void Runs_HoldBackTheConfiguredNumberOfDriftTriggeredRuns_CountedInTheEventLog()
    {
        var (fixture, retrain) = RegistryWithARetrain();
        using var _ = fixture;
        var settings = new RetrainCooldownSettings(0, 2);
        var now = retrain.Event.TimeUtc.AddDays(30);

        var verdicts = new List<bool>();
        for (var run = 0; run < 3; run++)
        {
            var verdict = RetrainCooldown.Check(fixture.Registry.ReadEvents(), settings, now);
            verdicts.Add(verdict.Holds);
            if (verdict.Holds) RetrainCooldown.Defer(fixture.Registry, 1, verdict);
        }

        Assert.Equal([true, true, false], verdicts);
        Assert.Equal(2, fixture.Registry.ReadEvents().Count(e => e.Event is RetrainDeferred));
    }

    [Fact]
    public void ANewRetrain_StartsTheCooldownAgain()
    {
        var (fixture, retrain) = RegistryWithARetrain();
        using var _ = fixture;
        var settings = new RetrainCooldownSettings(0, 1);
        RetrainCooldown.Defer(fixture.Registry, 1, RetrainCooldown.Check(fixture.Registry.ReadEvents(), settings, DateTimeOffset.UtcNow));
        Assert.False(RetrainCooldown.Check(fixture.Registry.ReadEvents(), settings, DateTimeOffset.UtcNow).Holds);

        fixture.Registry.Record(new RetrainTriggered(2) { Version = 2 });

        Assert.True(RetrainCooldown.Check(fixture.Registry.ReadEvents(), settings, DateTimeOffset.UtcNow).Holds);
    }
}
