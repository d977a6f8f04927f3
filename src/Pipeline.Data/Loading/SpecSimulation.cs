using System.Text;
using Pipeline.Data.Simulation;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Loading;

/// <summary>A spec's simulator source (<c>source.simulator</c>) run through the <see cref="SimulatorCatalog"/>: loaded as CSV text, or written to a file.</summary>
public static class SpecSimulation
{
    /// <summary>Opens a spec's simulator source (its kind, rows, seed and scenario) as CSV text.</summary>
    /// <exception cref="DataException">Unknown kind or invalid scenario.</exception>
    public static SimulatedCsv Open(SimulatorSourceSpec options) =>
        SimulatorCatalog.Get(options.Kind).Open(options.Rows, options.Seed, options.Scenario);

    /// <summary>
    /// Writes <paramref name="rows"/> rows of the spec's simulator as a CSV file (UTF-8, no BOM, LF), streaming, with
    /// <paramref name="seed"/> and <paramref name="scenario"/> replacing the spec's own when given (a scenario of
    /// <c>none</c> turns the spec's off). What the Simulate target runs. Returns the simulator's description.
    /// </summary>
    /// <exception cref="DataException">The spec's source is not a simulator, or the scenario is not valid for it.</exception>
    public static string WriteCsv(DatasetSpec spec, long rows, ulong? seed, string? scenario, string outputPath)
    {
        var options = spec.Source?.Simulator ?? throw new DataException(
            $"The dataset '{spec.Name}' has no simulator as its source (source.simulator in {spec.LoadedFrom ?? "its spec"}), so there is nothing to simulate; the specs with one name a kind among {SimulatorCatalog.KnownKinds}.",
            spec.LoadedFrom, column: "source.simulator");
        if (rows < 1)
            throw new DataException($"Cannot simulate {rows} rows; give --simulate-rows of at least 1.");
        using var csv = SimulatorCatalog.Get(options.Kind).Open(rows, seed ?? options.Seed, scenario ?? options.Scenario);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        using var writer = new StreamWriter(outputPath, append: false, new UTF8Encoding(false), 1 << 16);
        var buffer = new char[1 << 16];
        int read;
        while ((read = csv.Read(buffer, 0, buffer.Length)) > 0)
            writer.Write(buffer, 0, read);
        return csv.Description;
    }
}
