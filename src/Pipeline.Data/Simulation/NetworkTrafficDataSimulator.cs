namespace Pipeline.Data.Simulation;

/// <summary>The network-traffic simulator (<see cref="NetworkTrafficSimulator"/>) as a catalog entry.</summary>
public sealed class NetworkTrafficDataSimulator : IDataSimulator
{
    /// <inheritdoc />
    public string Kind => NetworkTrafficSimulator.Kind;

    /// <inheritdoc />
    public string Title => "network connection records with attacks (network anomaly detection)";

    /// <inheritdoc />
    public IReadOnlyList<ScenarioDefinition> Scenarios => NetworkScenarios.All;

    /// <inheritdoc />
    public SimulatedCsv Open(long rows, ulong seed, string? scenario)
    {
        var simulator = new NetworkTrafficSimulator(rows, seed, DriftScenario.Parse(scenario, Scenarios));
        return new SimulatorCsvReader<NetworkConnection>(NetworkCsvFormat.Header, simulator.Records(), NetworkCsvFormat.AppendLine, simulator.Description);
    }
}
