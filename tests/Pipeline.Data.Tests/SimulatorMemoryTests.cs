using Pipeline.Data.Simulation;

namespace Pipeline.Data.Tests;

/// <summary>
/// The simulators stream their records. These tests read the process's managed heap, so they run alone, after the
/// parallel tests: another test's data held at the same moment would be counted as theirs.
/// </summary>
[Collection(nameof(SimulatorMemoryTests))]
public sealed class SimulatorMemoryTests
{
    [Fact]
    public void Ai4iRecords_AreStreamed_SoAMillionRowsNeedNoMillionRowMemory()
    {
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        long failures = 0, peak = 0, rows = 0;
        foreach (var record in new Ai4iSimulator(1_000_000, 1).Records())
        {
            if (record.MachineFailure) failures++;
            if (++rows % 250_000 == 0) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
        }

        Assert.Equal(1_000_000, rows);
        Assert.InRange(failures, 25_000, 45_000);
        Assert.True(peak < 64L << 20, $"The simulator held {peak / (1 << 20)} MiB while streaming; it should hold one row at a time.");
    }

    [Fact]
    public void NetworkRecords_AreStreamed_SoAMillionRowsNeedNoMillionRowMemory()
    {
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        long attacks = 0, peak = 0, rows = 0;
        foreach (var record in new NetworkTrafficSimulator(1_000_000, 1).Records())
        {
            if (record.Attack != "normal") attacks++;
            // A full collection at each sample: what is held, not garbage not yet collected (other tests allocate too).
            if (++rows % 250_000 == 0) peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - before);
        }

        Assert.Equal(1_000_000, rows);
        Assert.InRange(attacks, 50_000, 300_000);
        Assert.True(peak < 64L << 20, $"The simulator held {peak / (1 << 20)} MiB while streaming; it should hold one row at a time.");
    }
}

/// <summary>Runs <see cref="SimulatorMemoryTests"/> alone.</summary>
[CollectionDefinition(nameof(SimulatorMemoryTests), DisableParallelization = true)]
public sealed class SimulatorMemoryCollection;
