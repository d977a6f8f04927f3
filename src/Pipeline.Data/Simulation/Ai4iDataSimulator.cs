namespace Pipeline.Data.Simulation;

/// <summary>The AI4I 2020 predictive-maintenance simulator (<see cref="Ai4iSimulator"/>) as a catalog entry.</summary>
public sealed class Ai4iDataSimulator : IDataSimulator
{
    /// <inheritdoc />
    public string Kind => Ai4iSimulator.Kind;

    /// <inheritdoc />
    public string Title => "AI4I 2020 milling processes (predictive maintenance)";

    /// <inheritdoc />
    public IReadOnlyList<ScenarioDefinition> Scenarios => Ai4iScenarios.All;

    /// <inheritdoc />
    public SimulatedCsv Open(long rows, ulong seed, string? scenario)
    {
        var simulator = new Ai4iSimulator(rows, seed, DriftScenario.Parse(scenario, Scenarios));
        return new SimulatorCsvReader<Ai4iRecord>(Ai4iCsvFormat.Header, simulator.Records(), Ai4iCsvFormat.AppendLine, simulator.Description);
    }
}
