using Pipeline.Data.Features;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;

namespace Pipeline.Monitoring.Tests;

/// <summary>Samples for drift tests: simulated AI4I rows, or synthetic columns of the AI4I spec's features.</summary>
internal static class DriftSamples
{
    public static DatasetSpec Spec { get; } = DatasetSpec.Load(Path.Combine(SimulatedData.RepositoryRoot, "data", "ai4i2020.json"));

    public static readonly string[] NumericColumns =
        ["Air temperature [K]", "Process temperature [K]", "Rotational speed [rpm]", "Torque [Nm]", "Tool wear [min]"];

    /// <summary>Rows from the simulator, as the spec's loader reads them.</summary>
    public static FeatureSample Simulated(long rows, ulong seed, string? scenario = null) =>
        FeatureSample.FromDataset(DatasetLoader.Load(
            Spec with { Source = new SourceSpec { Simulator = new SimulatorSourceSpec { Rows = rows, Seed = seed, Scenario = scenario } } },
            SimulatedData.RepositoryRoot, null));

    /// <summary>
    /// Independent rows: each numeric feature normal around a plausible value, Type 60/30/10 % L/M/H; <paramref name="change"/>
    /// edits the columns before the sample is made.
    /// </summary>
    public static FeatureSample Synthetic(int rows, int seed, Action<Dictionary<string, double[]>, Dictionary<string, string[]>>? change = null,
        float[]? scores = null)
    {
        var random = new Random(seed);
        var centres = new[] { 300.0, 310.0, 1540.0, 40.0, 108.0 };
        var spreads = new[] { 2.0, 1.5, 180.0, 10.0, 60.0 };
        var numeric = new Dictionary<string, double[]>();
        for (var c = 0; c < NumericColumns.Length; c++)
            numeric[NumericColumns[c]] = Enumerable.Range(0, rows).Select(_ => Math.Round(centres[c] + spreads[c] * Gaussian(random), 1)).ToArray();
        var categories = new Dictionary<string, string[]>
        {
            ["Type"] = Enumerable.Range(0, rows).Select(_ => random.NextDouble() switch { < 0.6 => "L", < 0.9 => "M", _ => "H" }).ToArray(),
        };
        change?.Invoke(numeric, categories);
        return FeatureSample.FromColumns(Spec, $"synthetic(rows={rows}, seed={seed})", numeric, categories, scores);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
