using System.Globalization;
using System.Text;

namespace Pipeline.Data.Simulation;

/// <summary>
/// A named, parameterised change to the simulator's generative process, for drift detection and retraining.
/// Written <c>name</c> or <c>name(key=value, …)</c>; several are joined with <c>+</c>, e.g.
/// <c>hot-ambient(kelvin=4)+fast-tool-wear</c>. Every scenario takes <c>start</c>, the fraction of rows after
/// which it applies (default 0: from the first row). The list is in <c>data/README.md</c>.
/// </summary>
public sealed class DriftScenario
{
    /// <summary>The AI4I simulator's scenarios and their parameters with defaults (see <see cref="Ai4iScenarios"/>).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Known { get; } =
        Ai4iScenarios.All.ToDictionary(d => d.Name, d => d.Defaults);

    /// <summary>The sensors <c>stuck-sensor</c> can freeze.</summary>
    public static IReadOnlyList<string> Sensors => Ai4iScenarios.Sensors;

    private readonly List<DriftEffect> _effects;

    private DriftScenario(List<DriftEffect> effects) => _effects = effects;

    /// <summary>No drift.</summary>
    public static DriftScenario None { get; } = new([]);

    /// <summary>The effects, in the order written.</summary>
    public IReadOnlyList<DriftEffect> Effects => _effects;

    /// <summary>Parses a scenario of the AI4I simulator; null or empty means <see cref="None"/>.</summary>
    /// <exception cref="DataException">Unknown scenario or parameter, or a parameter value out of range.</exception>
    public static DriftScenario Parse(string? text) => Parse(text, Ai4iScenarios.All);

    /// <summary>Parses a scenario made of the <paramref name="known"/> ones; null, empty or <c>none</c> means <see cref="None"/>.</summary>
    /// <exception cref="DataException">Unknown scenario or parameter, or a parameter value out of range.</exception>
    public static DriftScenario Parse(string? text, IReadOnlyList<ScenarioDefinition> known)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim() == "none") return None;
        var effects = new List<DriftEffect>();
        foreach (var part in text.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            effects.Add(ParseEffect(part, text, known));
        return new DriftScenario(effects);
    }

    /// <summary>The first effect with this name, or null.</summary>
    public DriftEffect? Find(string name) => _effects.FirstOrDefault(e => e.Name == name);

    /// <summary>The canonical text, with every parameter spelled out (used in source descriptions).</summary>
    public override string ToString() =>
        _effects.Count == 0 ? "none" : string.Join("+", _effects.Select(e => e.ToString()));

    private static DriftEffect ParseEffect(string part, string whole, IReadOnlyList<ScenarioDefinition> known)
    {
        var open = part.IndexOf('(');
        var name = (open < 0 ? part : part[..open]).Trim();
        var definition = known.FirstOrDefault(d => d.Name == name)
            ?? throw new DataException($"Unknown drift scenario '{name}' in '{whole}'; known scenarios: {string.Join(", ", known.Select(d => d.Name))}.");
        var defaults = definition.Defaults;
        var values = new Dictionary<string, string>(defaults);
        if (open >= 0)
        {
            if (!part.EndsWith(')'))
                throw new DataException($"The drift scenario '{part}' is missing its closing ')'; write it as {name}(key=value, …).");
            foreach (var assignment in part[(open + 1)..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = assignment.IndexOf('=');
                var key = eq < 0 ? assignment : assignment[..eq].Trim();
                if (eq < 0 || !defaults.ContainsKey(key))
                    throw new DataException($"The drift scenario '{name}' has no parameter '{key}' (in '{part}'); its parameters are {string.Join(", ", defaults.Select(d => d.Key + "=" + d.Value))}.");
                values[key] = assignment[(eq + 1)..].Trim();
            }
        }
        var effect = new DriftEffect(name, values);
        effect.Check(definition);
        return effect;
    }
}

/// <summary>One scenario with its parameter values.</summary>
public sealed class DriftEffect
{
    internal DriftEffect(string name, IReadOnlyDictionary<string, string> parameters)
    {
        Name = name;
        Parameters = parameters;
    }

    /// <summary>The scenario's name, e.g. <c>hot-ambient</c>.</summary>
    public string Name { get; }

    /// <summary>Every parameter with its value (defaults filled in).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>The fraction of rows after which the effect applies.</summary>
    public double Start => Number("start");

    /// <summary>A numeric parameter.</summary>
    public double Number(string key)
    {
        var text = Parameters[key];
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw new DataException($"The drift scenario '{Name}' needs a number for '{key}', got '{text}'.");
        return value;
    }

    internal void Check(ScenarioDefinition definition)
    {
        foreach (var key in Parameters.Keys.Where(k => definition.TextParameters?.Contains(k) != true))
            Number(key);
        if (Start is < 0 or > 1)
            throw new DataException($"The drift scenario '{Name}' needs start between 0 and 1 (a fraction of the rows), got {Parameters["start"]}.");
        definition.Check?.Invoke(this);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder(Name).Append('(');
        text.AppendJoin(",", Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
        return text.Append(')').ToString();
    }
}
