namespace Pipeline.Data.Simulation;

/// <summary>The drift scenarios of the AI4I 2020 simulator (data/README.md lists them with their effects).</summary>
public static class Ai4iScenarios
{
    /// <summary>The sensors <c>stuck-sensor</c> can freeze.</summary>
    public static IReadOnlyList<string> Sensors { get; } = ["air", "process", "rpm", "torque", "wear"];

    /// <summary>Every scenario, in the order the README lists them.</summary>
    public static IReadOnlyList<ScenarioDefinition> All { get; } =
    [
        new("hot-ambient", Defaults(("kelvin", "5"), ("start", "0")), "air temperature + kelvin"),
        new("product-mix-shift", Defaults(("l", "0.3"), ("m", "0.4"), ("h", "0.3"), ("start", "0")), "the L/M/H shares",
            Check: e =>
            {
                var (l, m, h) = (e.Number("l"), e.Number("m"), e.Number("h"));
                if (l < 0 || m < 0 || h < 0 || Math.Abs(l + m + h - 1) > 1e-9)
                    throw new DataException($"The drift scenario 'product-mix-shift' needs shares l, m, h that are non-negative and add up to 1, got {l}, {m}, {h}.");
            }),
        new("fast-tool-wear", Defaults(("factor", "1.5"), ("start", "0")), "wear per process × factor",
            Check: e =>
            {
                if (e.Number("factor") <= 0)
                    throw new DataException($"The drift scenario 'fast-tool-wear' needs a positive factor, got {e.Parameters["factor"]}.");
            }),
        new("torque-offset", Defaults(("nm", "5"), ("start", "0")), "the torque sensor reads + nm"),
        new("stuck-sensor", Defaults(("sensor", "rpm"), ("start", "0.5")), "a sensor repeats its last reading from start on",
            TextParameters: new HashSet<string> { "sensor" },
            Check: e =>
            {
                if (!Sensors.Contains(e.Parameters["sensor"]))
                    throw new DataException($"The drift scenario 'stuck-sensor' cannot freeze sensor '{e.Parameters["sensor"]}'; choose one of {string.Join(", ", Sensors)}.");
            }),
    ];

    internal static IReadOnlyDictionary<string, string> Defaults(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);
}
