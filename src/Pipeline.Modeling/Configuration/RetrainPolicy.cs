using System.Globalization;
using System.Text.Json;

namespace Pipeline.Modeling.Configuration;

/// <summary>Which rows a retrain trains on (<c>retrain.data</c> in training.json).</summary>
public enum RetrainDataMode
{
    /// <summary><c>recent</c>: the labelled recent rows alone (minus the holdout).</summary>
    Recent,
    /// <summary><c>reference+recent</c>: the reference data (what the production model was trained on) followed by the recent rows.</summary>
    ReferenceAndRecent,
    /// <summary><c>sliding</c>: the last <see cref="RetrainPolicy.SlidingRows"/> rows of reference followed by recent.</summary>
    Sliding,
}

/// <summary>
/// The retrain cooldown (<c>retrain.cooldown</c>): no retrain within <see cref="Hours"/> hours of the last one, nor in the
/// first <see cref="Runs"/> drift-triggered runs after it. Both are read from the registry's event log, so the cooldown
/// holds for every machine that shares the registry.
/// </summary>
/// <param name="Hours">Hours after the last retrain during which none starts (0: no time cooldown).</param>
/// <param name="Runs">Drift-triggered runs after the last retrain that are skipped (0: no run cooldown).</param>
public sealed record RetrainCooldownSettings(double Hours, int Runs)
{
    /// <summary>No cooldown.</summary>
    public static RetrainCooldownSettings None { get; } = new(0, 0);

    /// <summary>True when neither hours nor runs are set.</summary>
    public bool IsNone => Hours == 0 && Runs == 0;
}

/// <summary>
/// How Retrain retrains (<c>retrain</c> in training.json): the rows it trains on, the share of the recent labelled
/// rows it holds out for the champion-vs-challenger comparison (the promotion rule decides on those rows, never seen
/// in training), and the cooldown.
/// </summary>
/// <param name="Data">Which rows are trained on.</param>
/// <param name="Holdout">Share of the recent labelled rows held out (stratified by label), between 0.05 and 0.9.</param>
/// <param name="SlidingRows">With <see cref="RetrainDataMode.Sliding"/>: how many of the last rows of reference+recent are trained on.</param>
/// <param name="Cooldown">The cooldown.</param>
public sealed record RetrainPolicy(RetrainDataMode Data, double Holdout, int? SlidingRows, RetrainCooldownSettings Cooldown)
{
    /// <summary>Recent rows only, 30 % held out, no cooldown.</summary>
    public static RetrainPolicy Default { get; } = new(RetrainDataMode.Recent, 0.3, null, RetrainCooldownSettings.None);

    static readonly string[] SettingNames = ["data", "holdout", "slidingRows", "cooldown"];
    static readonly string[] CooldownNames = ["hours", "runs"];

    /// <summary>The name of <paramref name="mode"/> in training.json.</summary>
    public static string NameOf(RetrainDataMode mode) => mode switch
    {
        RetrainDataMode.Recent => "recent",
        RetrainDataMode.ReferenceAndRecent => "reference+recent",
        _ => "sliding",
    };

    /// <summary>Parses the <c>retrain</c> object of training.json <paramref name="source"/>; missing keys keep their defaults.</summary>
    /// <exception cref="ModelingException">An unknown key, a value out of range, or <c>sliding</c> without <c>slidingRows</c>, named with the file and the setting.</exception>
    internal static RetrainPolicy Parse(JsonElement element, string source)
    {
        ModelingException Error(string setting, string problem) => new($"Training configuration {source}: setting 'retrain{setting}' {problem}.");
        if (element.ValueKind != JsonValueKind.Object) throw Error("", "must be an object, e.g. {\"data\": \"reference+recent\", \"holdout\": 0.3}");
        var policy = Default;
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            var name = "." + property.Name;
            policy = property.Name switch
            {
                "data" when value.ValueKind == JsonValueKind.String && TryParseMode(value.GetString(), out var mode) => policy with { Data = mode },
                "data" => throw Error(name, $"is {value.GetRawText()}; allowed: \"recent\", \"reference+recent\", \"sliding\""),
                "holdout" when value.ValueKind == JsonValueKind.Number && value.GetDouble() is >= 0.05 and <= 0.9 => policy with { Holdout = value.GetDouble() },
                "holdout" => throw Error(name, $"is {value.GetRawText()}, but must be a fraction of the recent labelled rows between 0.05 and 0.9 (e.g. 0.3)"),
                "slidingRows" when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var rows) && rows >= 100 => policy with { SlidingRows = rows },
                "slidingRows" => throw Error(name, $"is {value.GetRawText()}, but must be a whole number of rows, at least 100"),
                "cooldown" => policy with { Cooldown = ParseCooldown(value, Error) },
                _ => throw Error(name, $"is not a known setting; allowed: {string.Join(", ", SettingNames)}"),
            };
        }
        if (policy.Data == RetrainDataMode.Sliding && policy.SlidingRows is null)
            throw Error(".slidingRows", "is missing; \"data\": \"sliding\" trains on the last slidingRows rows of reference+recent, e.g. \"slidingRows\": 12000");
        if (policy.Data != RetrainDataMode.Sliding && policy.SlidingRows is not null)
            throw Error(".slidingRows", $"is set, but only \"data\": \"sliding\" uses it (data is \"{NameOf(policy.Data)}\"); remove it or choose \"sliding\"");
        return policy;
    }

    static RetrainCooldownSettings ParseCooldown(JsonElement element, Func<string, string, ModelingException> error)
    {
        if (element.ValueKind != JsonValueKind.Object) throw error(".cooldown", "must be an object, e.g. {\"hours\": 24} or {\"runs\": 1}");
        var cooldown = RetrainCooldownSettings.None;
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            var name = ".cooldown." + property.Name;
            cooldown = property.Name switch
            {
                "hours" when value.ValueKind == JsonValueKind.Number && value.GetDouble() >= 0 && double.IsFinite(value.GetDouble()) => cooldown with { Hours = value.GetDouble() },
                "hours" => throw error(name, $"is {value.GetRawText()}, but must be a non-negative number of hours"),
                "runs" when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var runs) && runs >= 0 => cooldown with { Runs = runs },
                "runs" => throw error(name, $"is {value.GetRawText()}, but must be a non-negative whole number of runs"),
                _ => throw error(name, $"is not a known setting; allowed: {string.Join(", ", CooldownNames)}"),
            };
        }
        return cooldown;
    }

    static bool TryParseMode(string? text, out RetrainDataMode mode)
    {
        foreach (var candidate in Enum.GetValues<RetrainDataMode>())
            if (string.Equals(NameOf(candidate), text, StringComparison.Ordinal)) { mode = candidate; return true; }
        mode = default;
        return false;
    }

    /// <summary>The policy in words, for the build log.</summary>
    public string Describe() =>
        $"data {NameOf(Data)}{(SlidingRows is { } n ? $" (last {n.ToString("N0", CultureInfo.InvariantCulture)} rows)" : "")}, " +
        $"holdout {Holdout.ToString("0.##", CultureInfo.InvariantCulture)} of the recent rows, " +
        (Cooldown.IsNone ? "no cooldown" : $"cooldown {string.Join(" and ", CooldownParts())}");

    IEnumerable<string> CooldownParts()
    {
        if (Cooldown.Hours > 0) yield return $"{Cooldown.Hours.ToString("0.##", CultureInfo.InvariantCulture)} h";
        if (Cooldown.Runs > 0) yield return $"{Cooldown.Runs} run{(Cooldown.Runs == 1 ? "" : "s")}";
    }
}
