using Pipeline.Data.Features;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;

namespace Pipeline.Monitoring.Tests;

/// <summary>
/// The network-traffic simulator's drift scenarios against the network-intrusion spec's default reference
/// (20,000 rows, seed 7) with the default drift settings: each is found, by the columns it changes.
/// </summary>
public sealed class NetworkDriftScenarioTests
{
    private static readonly DatasetSpec Spec = DatasetSpec.Load(Path.Combine(RepositoryRoot.Path, "data", "network-intrusion.json"));

    private static readonly Lazy<FeatureSample> Reference = new(() => FeatureSample.FromDataset(DatasetLoader.Load(Spec, RepositoryRoot.Path, null)));

    private static FeatureSample Current(string? scenario, ulong seed = 8) =>
        FeatureSample.FromDataset(DatasetLoader.Load(
            Spec with { Source = new SourceSpec { Simulator = Spec.Source.Simulator! with { Rows = 5_000, Seed = seed, Scenario = scenario } } },
            RepositoryRoot.Path, null));

    [Theory]
    // ICMP echo-reply floods: a protocol and service the reference hardly has, and full windows.
    [InlineData("new-attack-family", new[] { "protocol", "service" })]
    // http 30 → 5 %, https 25 → 45 %, dns 15 → 35 % of normal traffic.
    [InlineData("traffic-mix-shift", new[] { "service" })]
    // From 30 % of the rows on, http connections are rejected or unanswered, carry no bytes and log nobody in. (The
    // windowed error rates follow, but they are autocorrelated over many rows, so their thresholds are wider.)
    [InlineData("service-outage", new[] { "flag", "dst_bytes", "logged_in" })]
    public void Scenario_IsFound_ByTheColumnsItChanges(string scenario, string[] expected)
    {
        var result = DriftDetector.Compare(Reference.Value, Current(scenario), new DriftSettings());

        Assert.True(result.DriftDetected);
        Assert.Subset(result.Drifted.Select(f => f.Column).ToHashSet(), expected.ToHashSet());
    }

    [Fact]
    public void SameTrafficWithAnotherSeed_DoesNotDrift()
    {
        var result = DriftDetector.Compare(Reference.Value, Current(null), new DriftSettings());

        Assert.False(result.DriftDetected, string.Join(", ", result.Drifted.Select(f => $"{f.Column} {f.Psi:0.###}")));
    }
}
