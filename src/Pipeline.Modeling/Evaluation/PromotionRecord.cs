using System.Text.Json.Nodes;
using Pipeline.Modeling.Promotion;

namespace Pipeline.Modeling.Evaluation;

/// <summary>
/// The promotion rule's verdict as Evaluate records it in metrics.json (<c>promotion</c>) for Register: which
/// production version was the champion, the primary metric, the observed difference and its interval, the margin,
/// whether the challenger is promoted, and the sentence the build prints.
/// </summary>
/// <param name="ChampionVersion">The production version the challenger was compared with.</param>
/// <param name="Metric">The primary metric.</param>
/// <param name="Difference">The observed improvement of the challenger (positive = better).</param>
/// <param name="Lower">Lower bound of the interval of the improvement (null: no interval).</param>
/// <param name="Upper">Upper bound of the interval (null: no interval).</param>
/// <param name="Confidence">Confidence level of the interval.</param>
/// <param name="Margin">The margin the lower bound had to clear.</param>
/// <param name="Promote">Whether the challenger replaces the champion.</param>
/// <param name="Sentence">The verdict as a sentence.</param>
/// <param name="DifferentDataSources">True when champion and challenger were trained on data of different sources.</param>
public sealed record PromotionRecord(
    int ChampionVersion, string Metric, double Difference, double? Lower, double? Upper, double Confidence, double Margin,
    bool Promote, string Sentence, bool DifferentDataSources)
{
    /// <summary>The record of a comparison's decision.</summary>
    public static PromotionRecord Of(ChampionComparison comparison)
    {
        var d = comparison.Decision;
        return new PromotionRecord(comparison.ChampionVersion, d.Metric, d.Difference, Defined(d.Lower), Defined(d.Upper), d.Confidence, d.Margin,
            d.Promote, d.Sentence, d.DifferentDataSources);
    }

    /// <summary>The JSON form written into metrics.json.</summary>
    public JsonObject ToJson() => new()
    {
        ["championVersion"] = ChampionVersion,
        ["metric"] = Metric,
        ["difference"] = Defined(Difference),
        ["lower"] = Lower,
        ["upper"] = Upper,
        ["confidence"] = Confidence,
        ["margin"] = Margin,
        ["promote"] = Promote,
        ["sentence"] = Sentence,
        ["differentDataSources"] = DifferentDataSources,
    };

    /// <summary>Reads the JSON form; null when <paramref name="json"/> is not one (a file from before the rule).</summary>
    public static PromotionRecord? From(JsonNode? json)
    {
        if (json is not JsonObject o || o["championVersion"]?.GetValueKind() != System.Text.Json.JsonValueKind.Number) return null;
        double? Number(string name) => o[name] is JsonValue v && v.TryGetValue<double>(out var x) ? x : null;
        return new PromotionRecord(o["championVersion"]!.GetValue<int>(), o["metric"]?.GetValue<string>() ?? "", Number("difference") ?? double.NaN,
            Number("lower"), Number("upper"), Number("confidence") ?? 0, Number("margin") ?? 0,
            o["promote"] is JsonValue p && p.TryGetValue<bool>(out var promote) && promote, o["sentence"]?.GetValue<string>() ?? "",
            o["differentDataSources"] is JsonValue s && s.TryGetValue<bool>(out var differ) && differ);
    }

    static double? Defined(double value) => double.IsNaN(value) ? null : value;
}
