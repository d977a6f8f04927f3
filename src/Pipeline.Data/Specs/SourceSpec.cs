namespace Pipeline.Data.Specs;

/// <summary>Where a dataset's rows come from by default: a CSV file, or the built-in simulator.</summary>
public sealed record SourceSpec
{
    /// <summary>A CSV file, relative to the repository root (or absolute).</summary>
    public string? Path { get; init; }

    /// <summary>The simulator and its options, used when <see cref="Path"/> is not set.</summary>
    public SimulatorSourceSpec? Simulator { get; init; }
}

/// <summary>Options of the built-in simulator as a data source.</summary>
public sealed record SimulatorSourceSpec
{
    /// <summary>Which simulator: a kind of <see cref="Simulation.SimulatorCatalog"/> (<c>ai4i2020</c>, <c>network-traffic</c>).</summary>
    public string Kind { get; init; } = "ai4i2020";

    /// <summary>How many rows to generate.</summary>
    public long Rows { get; init; } = 10_000;

    /// <summary>The seed; the same seed gives the same rows on every machine.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>
    /// An optional drift scenario, for example <c>hot-ambient</c> or <c>hot-ambient(kelvin=5)</c>;
    /// several are joined with <c>+</c>. See <c>data/README.md</c> for the list.
    /// </summary>
    public string? Scenario { get; init; }
}
