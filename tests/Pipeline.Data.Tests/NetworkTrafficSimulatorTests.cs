using Pipeline.Data.Loading;
using Pipeline.Data.Simulation;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Tests;

/// <summary>The network-traffic simulator behind data/network-intrusion.json: its process, scenarios and streaming.</summary>
public sealed class NetworkTrafficSimulatorTests
{
    private static readonly DatasetSpec Spec = DatasetSpec.Load(Path.Combine(RepositoryRoot.Path, "data", "network-intrusion.json"));

    private static List<NetworkConnection> Records(long rows, ulong seed, string? scenario = null) =>
        new NetworkTrafficSimulator(rows, seed, DriftScenario.Parse(scenario, NetworkScenarios.All)).Records().ToList();

    [Fact]
    public void DefaultSource_HasEveryAttackFamily_AndAttacksAreAMinorityOfConnections()
    {
        var options = Spec.Source.Simulator!;
        var records = Records(options.Rows, options.Seed);

        var families = records.GroupBy(r => r.Attack).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(["data_exfiltration", "normal", "password_guessing", "port_scan", "syn_flood"], families.Keys.Order());
        Assert.All(families.Values, count => Assert.True(count >= 100, $"every family needs rows to learn from, got {count}"));
        Assert.InRange(1 - (double)families["normal"] / records.Count, 0.08, 0.25);
    }

    [Fact]
    public void SameSeed_GivesTheSameRows_AndAnotherSeedOthers()
    {
        Assert.Equal(Records(2_000, 5), Records(2_000, 5));
        Assert.NotEqual(Records(2_000, 5), Records(2_000, 6));
    }

    [Fact]
    public void WindowFeatures_AreCountsAndSharesOverTheRecentConnections()
    {
        foreach (var r in Records(20_000, 3))
        {
            Assert.InRange(r.Count, 1, TrafficWindow.Capacity);
            Assert.InRange(r.HostCount, 1, TrafficWindow.HostWindow);
            Assert.InRange(r.HostServiceCount, 1, r.HostCount);
            Assert.All(new[] { r.SynErrorRate, r.RejectErrorRate, r.SameServiceRate, r.HostSameServiceRate, r.HostSynErrorRate },
                rate => Assert.InRange(rate, 0, 1));
            Assert.Equal(r.Service is "dns" or "ntp" ? "udp" : r.Service is "ecr_i" or "eco_i" ? "icmp" : "tcp", r.Protocol);
            Assert.InRange(r.Difficulty, 0, 21);
        }
    }

    [Fact]
    public void Floods_FillTheWindowWithSynErrors_WhileNormalTrafficRarelyDoes()
    {
        var records = Records(20_000, 3);

        var floods = records.Where(r => r.Attack == "syn_flood").ToList();
        var normal = records.Where(r => r.Attack == "normal").ToList();
        Assert.True(floods.Average(r => r.HostSynErrorRate) > 0.5);
        Assert.True(normal.Average(r => r.HostSynErrorRate) < 0.1);
    }

    [Fact]
    public void Classes_Overlap_SoNoSingleRuleSeparatesThem()
    {
        // Attackers' ordinary connections, uploads that look like exfiltration and retry storms that look like slow
        // floods: some attack rows look normal and some normal rows look like attacks.
        var records = Records(20_000, 3);

        Assert.Contains(records, r => r.Attack != "normal" && r.Flag == "SF" && r.SourceBytes > 0 && r.HostSynErrorRate == 0);
        Assert.Contains(records, r => r.Attack == "normal" && r.Flag == "S0" && r.HostSynErrorRate > 0.5);
        Assert.Contains(records, r => r.Attack == "normal" && r.SourceBytes > 1_000_000);
    }

    [Fact]
    public void NewAttackFamily_AddsIcmpFloodsAbsentFromTheDefault()
    {
        Assert.DoesNotContain(Records(20_000, 4), r => r.Attack == "icmp_flood");

        var records = Records(20_000, 4, "new-attack-family(share=0.5)");

        var floods = records.Where(r => r.Attack == "icmp_flood").ToList();
        Assert.True(floods.Count > 500, $"{floods.Count} icmp_flood rows");
        Assert.All(floods.Where(r => r.Protocol == "icmp"), r => Assert.Equal("ecr_i", r.Service));
    }

    [Fact]
    public void TrafficMixShift_SetsTheSharesOfNormalTraffic()
    {
        var normal = Records(20_000, 4, "traffic-mix-shift(http=0.1, https=0.5, dns=0.2)").Where(r => r.Attack == "normal").ToList();

        var https = (double)normal.Count(r => r.Service == "https") / normal.Count;
        var baseline = Records(20_000, 4).Where(r => r.Attack == "normal").ToList();
        Assert.True(https > 0.4, $"https share {https}");
        Assert.True((double)baseline.Count(r => r.Service == "https") / baseline.Count < 0.33);
    }

    [Fact]
    public void ServiceOutage_RejectsOrDropsTheServicesNormalConnections_FromItsStart()
    {
        var records = Records(10_000, 4, "service-outage(service=smtp, start=0.5)");

        var smtp = records.Where(r => r.Attack == "normal" && r.Service == "smtp").ToList();
        Assert.All(smtp.Where(r => r.Id > 5_000), r => Assert.Contains(r.Flag, new[] { "REJ", "S0" }));
        Assert.All(smtp.Where(r => r.Id > 5_000), r => Assert.Equal(0, r.DestinationBytes));
        Assert.True(smtp.Where(r => r.Id <= 5_000).Count(r => r.Flag == "SF") > smtp.Count(r => r.Id <= 5_000) / 2);
    }

    [Theory]
    [InlineData("hot-ambient", "Unknown drift scenario 'hot-ambient'", "known scenarios: new-attack-family, traffic-mix-shift, service-outage")]
    [InlineData("service-outage(service=gopher)", "cannot take down service 'gopher'", "choose one of http, https")]
    [InlineData("traffic-mix-shift(http=0.5, https=0.5)", "at most 0.95", "")]
    [InlineData("new-attack-family(share=2)", "needs share between 0 and 1", "")]
    public void InvalidScenario_IsRejectedWithASentence(string scenario, string expected, string more)
    {
        var error = Assert.Throws<DataException>(() => DriftScenario.Parse(scenario, NetworkScenarios.All));

        Assert.Contains(expected, error.Message);
        Assert.Contains(more, error.Message);
    }

    [Fact]
    public void DefaultSource_LoadsAgainstTheSpec_WithAttackVersusNormal()
    {
        var dataset = DatasetLoader.Load(Spec, RepositoryRoot.Path, null);

        Assert.Equal(Spec.Source.Simulator!.Rows, dataset.RowCount);
        var positives = dataset.Labels.Count(l => l);
        var expected = Records(Spec.Source.Simulator.Rows, Spec.Source.Simulator.Seed).Count(r => r.Attack != "normal");
        Assert.Equal(expected, positives);
    }
}
