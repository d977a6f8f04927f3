using System.Security.Cryptography;
using Pipeline.Data.Loading;
using Pipeline.Data.Simulation;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Tests;

/// <summary>The catalog that maps a spec's source.simulator.kind to a simulator, and the file Simulate writes.</summary>
public sealed class SimulatorCatalogTests
{
    private static readonly string AiSpecText = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "data", "ai4i2020.json"));

    [Fact]
    public void UnknownKind_IsASpecErrorListingTheKnownSimulators()
    {
        var error = Assert.Throws<DataException>(() =>
            DatasetSpec.Parse(AiSpecText.Replace("\"kind\": \"ai4i2020\"", "\"kind\": \"ai4i2021\""), "edited.json"));

        Assert.Contains("names an unknown simulator 'ai4i2021'; the known ones are ai4i2020, network-traffic", error.Message);
    }

    [Fact]
    public void ScenarioOfAnotherSimulator_IsASpecError()
    {
        var error = Assert.Throws<DataException>(() =>
            DatasetSpec.Parse(AiSpecText.Replace("\"seed\": 3 }", "\"seed\": 3, \"scenario\": \"service-outage\" }"), "edited.json"));

        Assert.Contains("Unknown drift scenario 'service-outage'", error.Message);
        Assert.Contains("(at source.simulator.scenario)", error.Message);
    }

    [Theory]
    [InlineData("ai4i2020")]
    [InlineData("network-intrusion")]
    public void WriteCsv_WritesTheBytesTheSpecsSourceLoads(string dataset)
    {
        using var directory = new TemporaryDirectory();
        var (spec, _) = DatasetCatalog.Resolve(RepositoryRoot.Path, dataset);
        var small = spec with { Source = new SourceSpec { Simulator = spec.Source.Simulator! with { Rows = 3_000 } } };
        var output = Path.Combine(directory.Path, "nested", "out.csv");

        var description = SpecSimulation.WriteCsv(small, 3_000, null, null, output);

        var loaded = DatasetLoader.Load(small, RepositoryRoot.Path, null);
        Assert.Equal(loaded.SourceDescription, description);
        Assert.Equal(loaded.ContentHash, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(output))));
        Assert.Equal(3_000, DatasetLoader.Load(small, RepositoryRoot.Path, output).RowCount);
    }

    [Fact]
    public void WriteCsv_TakesTheSeedAndScenarioGiven_OverTheSpecs()
    {
        using var directory = new TemporaryDirectory();
        var (spec, _) = DatasetCatalog.Resolve(RepositoryRoot.Path, "network-intrusion");

        var description = SpecSimulation.WriteCsv(spec, 500, 11, "service-outage(service=ssh)", Path.Combine(directory.Path, "x.csv"));

        Assert.Equal("network-traffic simulator(rows=500, seed=11, scenario=service-outage(service=ssh,start=0.3))", description);
        Assert.Equal(501, File.ReadAllLines(Path.Combine(directory.Path, "x.csv")).Length);
    }

    [Fact]
    public void WriteCsv_ForASpecWithoutASimulator_SaysThereIsNothingToSimulate()
    {
        var (spec, path) = DatasetCatalog.Resolve(RepositoryRoot.Path, "ecommerce-conversion");

        var error = Assert.Throws<DataException>(() => SpecSimulation.WriteCsv(spec, 10, null, null, "unused.csv"));

        Assert.Equal($"The dataset 'ecommerce-conversion' has no simulator as its source (source.simulator in {path}), so there is nothing to simulate; the specs with one name a kind among ai4i2020, network-traffic.", error.Message);
    }

    [Fact]
    public void EverySimulator_HasAUniqueKind_AndScenariosWithAStart()
    {
        Assert.Equal(SimulatorCatalog.All.Count, SimulatorCatalog.All.Select(s => s.Kind).Distinct().Count());
        Assert.All(SimulatorCatalog.All.SelectMany(s => s.Scenarios), d => Assert.True(d.Defaults.ContainsKey("start"), d.Name));
    }
}
