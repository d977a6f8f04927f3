using System.Text.Json;

namespace Pipeline.Modeling.Configuration;

/// <summary>
/// The promotion rule's configuration (<c>promotion</c> in training.json).
/// </summary>
/// <param name="PrimaryMetric">
/// The metric compared (a <see cref="MetricNames"/> name). Default <c>prAuc</c>: it is what Train selects candidates
/// by, so one metric decides from search to promotion; it does not depend on either model's decision threshold (F1 at
/// a threshold jumps with a single row near it); and for a rare positive class (AI4I: 3.4 % failures) it moves with
/// the ranking of the positives where ROC AUC, dominated by the many easy negatives, barely does.
/// </param>
/// <param name="Margin">How much better (in the metric's units, improvement direction) the challenger must be: the interval's lower bound must exceed it.</param>
/// <param name="Resamples">Bootstrap resamples of the held-out rows.</param>
/// <param name="Confidence">Confidence level of the interval (e.g. 0.95).</param>
/// <param name="Seed">Seed of the resampling, so a decision is reproducible.</param>
public sealed record PromotionSettings(string PrimaryMetric, double Margin, int Resamples, double Confidence, int Seed)
{
    /// <summary>PR AUC, margin 0, 1,000 resamples, 95 %, seed 42.</summary>
    public static PromotionSettings Default { get; } = new(MetricNames.PrAuc, 0.0, 1000, 0.95, 42);

    static readonly string[] SettingNames = ["primaryMetric", "margin", "resamples", "confidence", "seed"];

    /// <summary>Parses the <c>promotion</c> object of training.json <paramref name="source"/>; missing keys keep their defaults.</summary>
    /// <exception cref="ModelingException">An unknown key or a value out of range, named with the file and the setting.</exception>
    internal static PromotionSettings Parse(JsonElement element, string source)
    {
        ModelingException Error(string setting, string problem) => new($"Training configuration {source}: setting 'promotion{setting}' {problem}.");
        if (element.ValueKind != JsonValueKind.Object) throw Error("", "must be an object");
        var settings = Default;
        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            var name = "." + property.Name;
            settings = property.Name switch
            {
                "primaryMetric" when value.ValueKind == JsonValueKind.String && MetricNames.All.Contains(value.GetString()) => settings with { PrimaryMetric = value.GetString()! },
                "primaryMetric" => throw Error(name, $"is {value.GetRawText()}; allowed: {string.Join(", ", MetricNames.All)}"),
                "margin" when value.ValueKind == JsonValueKind.Number && value.GetDouble() >= 0 => settings with { Margin = value.GetDouble() },
                "margin" => throw Error(name, $"is {value.GetRawText()}, but must be a non-negative number (in the primary metric's units)"),
                "resamples" when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 100 => settings with { Resamples = n },
                "resamples" => throw Error(name, $"is {value.GetRawText()}, but must be a whole number of at least 100"),
                "confidence" when value.ValueKind == JsonValueKind.Number && value.GetDouble() is > 0.5 and < 1 => settings with { Confidence = value.GetDouble() },
                "confidence" => throw Error(name, $"is {value.GetRawText()}, but must be a number between 0.5 and 1, e.g. 0.95"),
                "seed" when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var seed) => settings with { Seed = seed },
                "seed" => throw Error(name, $"is {value.GetRawText()}, but must be a whole number"),
                _ => throw Error(name, $"is not a known setting; allowed: {string.Join(", ", SettingNames)}"),
            };
        }
        return settings;
    }
}
