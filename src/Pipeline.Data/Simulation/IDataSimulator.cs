namespace Pipeline.Data.Simulation;

/// <summary>
/// A built-in simulator a spec can name as its source (<c>source.simulator.kind</c>): it streams CSV rows for
/// loading, deterministically for a seed, with its own drift scenarios. Register new ones in <see cref="SimulatorCatalog"/>.
/// </summary>
public interface IDataSimulator
{
    /// <summary>The kind a spec names, e.g. <c>ai4i2020</c>.</summary>
    string Kind { get; }

    /// <summary>What it simulates, in a few words.</summary>
    string Title { get; }

    /// <summary>The drift scenarios it knows.</summary>
    IReadOnlyList<ScenarioDefinition> Scenarios { get; }

    /// <summary>
    /// Opens <paramref name="rows"/> rows as CSV text (header first, LF line ends), generated as they are read.
    /// </summary>
    /// <exception cref="DataException">The scenario is not valid for this simulator.</exception>
    SimulatedCsv Open(long rows, ulong seed, string? scenario);
}
