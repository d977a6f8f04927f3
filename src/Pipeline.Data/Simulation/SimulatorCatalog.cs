using System.Text;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Simulation;

/// <summary>
/// The built-in simulators by the kind a spec names in <c>source.simulator.kind</c>, so that specs, loading and
/// the Simulate target need not know any simulator by name.
/// </summary>
public static class SimulatorCatalog
{
    /// <summary>Every built-in simulator.</summary>
    public static IReadOnlyList<IDataSimulator> All { get; } = [new Ai4iDataSimulator(), new NetworkTrafficDataSimulator()];

    /// <summary>The simulator of this kind, or null.</summary>
    public static IDataSimulator? Find(string kind) => All.FirstOrDefault(s => s.Kind == kind);

    /// <summary>The simulator of this kind.</summary>
    /// <exception cref="DataException">No simulator has this kind; the message lists the known ones.</exception>
    public static IDataSimulator Get(string kind) => Find(kind)
        ?? throw new DataException($"Unknown simulator '{kind}'; the known ones are {KnownKinds}.");

    /// <summary>The known kinds, comma-separated.</summary>
    public static string KnownKinds => string.Join(", ", All.Select(s => s.Kind));

    /// <summary>Opens a spec's simulator source (its kind, rows, seed and scenario) as CSV text.</summary>
    /// <exception cref="DataException">Unknown kind or invalid scenario.</exception>
    public static SimulatedCsv Open(SimulatorSourceSpec options) =>
        Get(options.Kind).Open(options.Rows, options.Seed, options.Scenario);

    /// <summary>
    /// Writes <paramref name="rows"/> rows of the spec's simulator as a CSV file (UTF-8, no BOM, LF), streaming, with
    /// <paramref name="seed"/> and <paramref name="scenario"/> replacing the spec's own when given (a scenario of
    /// <c>none</c> turns the spec's off). What the Simulate target runs. Returns the simulator's description.
    /// </summary>
    /// <exception cref="DataException">The spec's source is not a simulator, or the scenario is not valid for it.</exception>
    public static string WriteCsv(DatasetSpec spec, long rows, ulong? seed, string? scenario, string outputPath)
    {
        var options = spec.Source?.Simulator ?? throw new DataException(
            $"The dataset '{spec.Name}' has no simulator as its source (source.simulator in {spec.LoadedFrom ?? "its spec"}), so there is nothing to simulate; the specs with one name a kind among {KnownKinds}.",
            spec.LoadedFrom, column: "source.simulator");
        if (rows < 1)
            throw new DataException($"Cannot simulate {rows} rows; give --simulate-rows of at least 1.");
        using var csv = Get(options.Kind).Open(rows, seed ?? options.Seed, scenario ?? options.Scenario);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        using var writer = new StreamWriter(outputPath, append: false, new UTF8Encoding(false), 1 << 16);
        var buffer = new char[1 << 16];
        int read;
        while ((read = csv.Read(buffer, 0, buffer.Length)) > 0)
            writer.Write(buffer, 0, read);
        return csv.Description;
    }
}
