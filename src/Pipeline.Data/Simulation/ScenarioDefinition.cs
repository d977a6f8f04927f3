namespace Pipeline.Data.Simulation;

/// <summary>
/// A drift scenario a simulator knows: its name, its parameters with their defaults (every scenario also takes
/// <c>start</c>), which parameters are words rather than numbers, and a check of the values beyond "is a number".
/// </summary>
/// <param name="Name">The name written in a scenario, e.g. <c>hot-ambient</c>.</param>
/// <param name="Defaults">Every parameter with its default value, <c>start</c> included.</param>
/// <param name="Effect">What the scenario changes, in a few words (for help and the data README).</param>
/// <param name="TextParameters">Parameters whose values are words (e.g. a sensor's name), not numbers.</param>
/// <param name="Check">Throws a <see cref="DataException"/> for values the scenario cannot use; null for none.</param>
public sealed record ScenarioDefinition(
    string Name,
    IReadOnlyDictionary<string, string> Defaults,
    string Effect,
    IReadOnlySet<string>? TextParameters = null,
    Action<DriftEffect>? Check = null);
