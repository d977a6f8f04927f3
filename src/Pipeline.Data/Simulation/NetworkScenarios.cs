namespace Pipeline.Data.Simulation;

/// <summary>The drift scenarios of the network-traffic simulator (data/README.md lists them with their effects).</summary>
public static class NetworkScenarios
{
    /// <summary>Every scenario, in the order the README lists them.</summary>
    public static IReadOnlyList<ScenarioDefinition> All { get; } =
    [
        new("new-attack-family", Ai4iScenarios.Defaults(("share", "0.4"), ("start", "0")),
            "a share of attack episodes are ICMP echo-reply floods ('icmp_flood'), a family absent from the default traffic",
            Check: e => Fraction(e, "share")),
        new("traffic-mix-shift", Ai4iScenarios.Defaults(("http", "0.05"), ("https", "0.45"), ("dns", "0.35"), ("start", "0")),
            "normal traffic's shares of http, https and dns (the other services share the rest in their usual proportions)",
            Check: e =>
            {
                foreach (var key in new[] { "http", "https", "dns" }) Fraction(e, key);
                if (e.Number("http") + e.Number("https") + e.Number("dns") > 0.95)
                    throw new DataException($"The drift scenario 'traffic-mix-shift' needs http + https + dns of at most 0.95, leaving room for the other services; got {e.Number("http") + e.Number("https") + e.Number("dns")}.");
            }),
        new("service-outage", Ai4iScenarios.Defaults(("service", "http"), ("start", "0.3")),
            "the servers of a service stop answering: its normal connections are rejected (REJ) or unanswered (S0), with no bytes",
            TextParameters: new HashSet<string> { "service" },
            Check: e =>
            {
                if (!NetworkTrafficSimulator.Services.Contains(e.Parameters["service"]))
                    throw new DataException($"The drift scenario 'service-outage' cannot take down service '{e.Parameters["service"]}'; choose one of {string.Join(", ", NetworkTrafficSimulator.Services)}.");
            }),
    ];

    private static void Fraction(DriftEffect effect, string key)
    {
        if (effect.Number(key) is < 0 or > 1)
            throw new DataException($"The drift scenario '{effect.Name}' needs {key} between 0 and 1, got {effect.Parameters[key]}.");
    }
}
