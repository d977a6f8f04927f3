using Pipeline.Data.Loading;
using Pipeline.Data.Simulation;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Tests;

public sealed class Ai4iSimulatorTests
{
    // The real file's counts per 10,000 rows (data README): TWF, HDF, PWF, OSF, RNF, and L/M/H.
    private static readonly Dictionary<string, double> RealModeCounts = new()
    {
        ["TWF"] = 46, ["HDF"] = 115, ["PWF"] = 95, ["OSF"] = 98, ["RNF"] = 19,
    };

    private static readonly DatasetSpec Spec = DatasetSpec.Load(Path.Combine(RepositoryRoot.Path, "data", "ai4i2020.json"));

    [Fact]
    public void DefaultSource_At10000Rows_HasEveryModeCountWithin20PercentOfTheRealFile()
    {
        var options = Spec.Source.Simulator!;
        Assert.Equal(10_000, options.Rows);

        var counts = ModeCounts(new Ai4iSimulator(options.Rows, options.Seed).Records());

        foreach (var (mode, real) in RealModeCounts)
            Assert.InRange(counts[mode], real * 0.8, real * 1.2);
    }

    [Fact]
    public void ModeRates_OverManyRowsAndSeeds_MatchTheRealFileWithin20Percent()
    {
        // Averaged over 200,000 rows from four seeds, so the check is about the process, not one lucky seed.
        var totals = RealModeCounts.Keys.ToDictionary(k => k, _ => 0.0);
        foreach (var seed in new ulong[] { 11, 12, 13, 14 })
            foreach (var (mode, count) in ModeCounts(new Ai4iSimulator(50_000, seed).Records()))
                totals[mode] += count;

        foreach (var (mode, real) in RealModeCounts)
            Assert.InRange(totals[mode] / 20, real * 0.8, real * 1.2);
    }

    [Fact]
    public void ProductMix_IsSixtyThirtyTenPercent()
    {
        var records = new Ai4iSimulator(20_000, 5).Records().ToList();

        Assert.InRange(records.Count(r => r.Type == 'L') / 20_000.0, 0.58, 0.62);
        Assert.InRange(records.Count(r => r.Type == 'M') / 20_000.0, 0.28, 0.32);
        Assert.InRange(records.Count(r => r.Type == 'H') / 20_000.0, 0.09, 0.11);
    }

    [Fact]
    public void SensorValues_StayInThePhysicalRangesOfTheRealFile()
    {
        var records = new Ai4iSimulator(20_000, 6).Records().ToList();

        Assert.All(records, r =>
        {
            Assert.InRange(r.AirTemperature, 290, 310);
            Assert.InRange(r.ProcessTemperature - r.AirTemperature, 5, 15);
            Assert.InRange(r.RotationalSpeed, 1000, 3200);
            Assert.InRange(r.Torque, 0.1, 90);
            Assert.InRange(r.ToolWear, 0, 260);
        });
        Assert.InRange(records.Average(r => r.Torque), 39, 41);
        Assert.InRange(records.Average(r => r.AirTemperature), 299, 301);
        Assert.InRange(records.Average(r => r.ToolWear), 100, 116);
    }

    [Fact]
    public void FailureFlags_FollowThePublishedMechanisms()
    {
        foreach (var r in new Ai4iSimulator(20_000, 8).Records())
        {
            Assert.Equal(r.ProcessTemperature - r.AirTemperature < 8.6 && r.RotationalSpeed < 1380, r.Hdf);
            var power = r.Torque * r.RotationalSpeed * 2 * Math.PI / 60;
            Assert.Equal(power is < 3500 or > 9000, r.Pwf);
            var limit = r.Type switch { 'L' => 11_000, 'M' => 12_000, _ => 13_000 };
            Assert.Equal(r.ToolWear * r.Torque > limit, r.Osf);
            if (r.Twf) Assert.InRange(r.ToolWear, 195, 240);
            Assert.Equal(r.Twf || r.Hdf || r.Pwf || r.Osf || r.Rnf, r.MachineFailure);
        }
    }

    [Fact]
    public void SameSeed_GivesTheSameData_AndAnotherSeedDifferentData()
    {
        var first = DatasetLoader.Load(Spec, RepositoryRoot.Path, null);
        var second = DatasetLoader.Load(Spec, RepositoryRoot.Path, null);
        var other = DatasetLoader.Load(Spec with { Source = new SourceSpec { Simulator = new SimulatorSourceSpec { Seed = 99 } } }, RepositoryRoot.Path, null);

        Assert.Equal(first.ContentHash, second.ContentHash);
        Assert.Equal(first.Numeric("Torque [Nm]"), second.Numeric("Torque [Nm]"));
        Assert.NotEqual(first.ContentHash, other.ContentHash);
        Assert.Equal("simulator(rows=10000, seed=3, scenario=none)", first.SourceDescription);
    }

    [Fact]
    public void SimulatorHash_EqualsTheHashOfItsCsvSavedAsAFile()
    {
        using var directory = new TemporaryDirectory();
        var file = Path.Combine(directory.Path, "simulated.csv");
        using (var writer = new StreamWriter(file, false, new System.Text.UTF8Encoding(false)))
            new Ai4iSimulator(2_000, 3).WriteCsv(writer);
        var simulated = DatasetLoader.Load(Spec with { Source = new SourceSpec { Simulator = new SimulatorSourceSpec { Rows = 2_000, Seed = 3 } } }, directory.Path, null);

        var fromFile = DatasetLoader.Load(Spec, directory.Path, file);

        Assert.Equal(simulated.ContentHash, fromFile.ContentHash);
        Assert.Equal(2_000, fromFile.RowCount);
        Assert.StartsWith(Ai4iCsvFormat.Header + "\n1,", File.ReadAllText(file));
    }

    [Fact]
    public void HotAmbient_RaisesAirTemperature_AndHeatDissipationFailures()
    {
        var baseline = new Ai4iSimulator(20_000, 4).Records().ToList();
        var hot = new Ai4iSimulator(20_000, 4, DriftScenario.Parse("hot-ambient(kelvin=4)")).Records().ToList();

        Assert.InRange(hot.Average(r => r.AirTemperature) - baseline.Average(r => r.AirTemperature), 3.9, 4.1);
        Assert.True(hot.Count(r => r.Hdf) > 2 * baseline.Count(r => r.Hdf));
    }

    [Fact]
    public void ProductMixShift_ChangesTheTypeShares()
    {
        var shifted = new Ai4iSimulator(20_000, 4, DriftScenario.Parse("product-mix-shift(l=0.2, m=0.3, h=0.5)")).Records().ToList();

        Assert.InRange(shifted.Count(r => r.Type == 'H') / 20_000.0, 0.48, 0.52);
        Assert.InRange(shifted.Count(r => r.Type == 'L') / 20_000.0, 0.18, 0.22);
    }

    [Fact]
    public void FastToolWear_ReplacesToolsMoreOften()
    {
        static int Replacements(IEnumerable<Ai4iRecord> records) => records.Zip(records.Skip(1)).Count(p => p.Second.ToolWear < p.First.ToolWear);
        var baseline = new Ai4iSimulator(20_000, 4).Records().ToList();
        var fast = new Ai4iSimulator(20_000, 4, DriftScenario.Parse("fast-tool-wear(factor=2)")).Records().ToList();

        Assert.InRange(Replacements(fast) / (double)Replacements(baseline), 1.8, 2.2);
    }

    [Fact]
    public void TorqueOffset_ShiftsTheRecordedTorqueButNotThePhysics()
    {
        var baseline = new Ai4iSimulator(20_000, 4).Records().ToList();
        var offset = new Ai4iSimulator(20_000, 4, DriftScenario.Parse("torque-offset(nm=5)")).Records().ToList();

        Assert.InRange(offset.Average(r => r.Torque) - baseline.Average(r => r.Torque), 4.95, 5.05);
        Assert.Equal(baseline.Count(r => r.MachineFailure), offset.Count(r => r.MachineFailure));
    }

    [Fact]
    public void StuckSensor_FreezesTheReadingFromItsStart()
    {
        var records = new Ai4iSimulator(1_000, 4, DriftScenario.Parse("stuck-sensor(sensor=rpm, start=0.5)")).Records().ToList();

        Assert.Single(records.Skip(500).Select(r => r.RotationalSpeed).Distinct());
        Assert.True(records.Take(500).Select(r => r.RotationalSpeed).Distinct().Count() > 100);
        Assert.Equal(records[499].RotationalSpeed, records[500].RotationalSpeed);
    }

    [Theory]
    [InlineData("cold-ambient", "Unknown drift scenario 'cold-ambient'")]
    [InlineData("hot-ambient(celsius=3)", "has no parameter 'celsius'")]
    [InlineData("hot-ambient(kelvin=warm)", "needs a number for 'kelvin'")]
    [InlineData("product-mix-shift(l=0.5, m=0.5, h=0.5)", "add up to 1")]
    [InlineData("stuck-sensor(sensor=humidity)", "cannot freeze sensor 'humidity'")]
    [InlineData("torque-offset(start=2)", "start between 0 and 1")]
    public void InvalidScenario_IsRejectedWithASentence(string scenario, string expected)
    {
        var error = Assert.Throws<DataException>(() => DriftScenario.Parse(scenario));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Scenarios_Combine_AndSpellOutTheirParameters()
    {
        var scenario = DriftScenario.Parse("hot-ambient(kelvin=3) + fast-tool-wear");

        Assert.Equal("hot-ambient(kelvin=3,start=0)+fast-tool-wear(factor=1.5,start=0)", scenario.ToString());
    }

    private static Dictionary<string, int> ModeCounts(IEnumerable<Ai4iRecord> records)
    {
        var counts = RealModeCounts.Keys.ToDictionary(k => k, _ => 0);
        foreach (var r in records)
        {
            if (r.Twf) counts["TWF"]++;
            if (r.Hdf) counts["HDF"]++;
            if (r.Pwf) counts["PWF"]++;
            if (r.Osf) counts["OSF"]++;
            if (r.Rnf) counts["RNF"]++;
        }
        return counts;
    }
}
