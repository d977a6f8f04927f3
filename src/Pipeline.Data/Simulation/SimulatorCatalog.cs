namespace Pipeline.Data.Simulation;

/// <summary>
/// The built-in simulators by the kind a spec names in <c>source.simulator.kind</c>, so that specs, loading and
/// the Simulate target need not know any simulator by name. It knows no spec: <see cref="Loading.SpecSimulation"/>
/// turns a spec's source into a simulator run.
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
}
