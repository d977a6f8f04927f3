using System.Text.Json;
using System.Text.Json.Serialization;
using Pipeline.Modeling.Registry;

namespace Pipeline.Modeling.Cards;

/// <summary>
/// What the report index says of the last rendered model card of a dataset (artifacts/&lt;dataset&gt;/model-card/card.json):
/// which version, its stage and drift verdict, and how many limits it lists.
/// </summary>
/// <param name="Version">The version the card describes.</param>
/// <param name="Stage">Its stage when the card was rendered; null for none.</param>
/// <param name="RegisteredUtc">When the version was registered.</param>
/// <param name="RenderedUtc">When the card was rendered.</param>
/// <param name="Drift">The drift verdict in a few words.</param>
/// <param name="Limits">The limits the card lists.</param>
public sealed record RenderedCard(int Version, ModelStage? Stage, DateTimeOffset RegisteredUtc, DateTimeOffset RenderedUtc, string Drift, IReadOnlyList<string> Limits)
{
    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The summary of <paramref name="card"/> rendered at <paramref name="now"/>.</summary>
    public static RenderedCard Of(ModelCard card, DateTimeOffset now) =>
        new(card.Metadata.Version, card.Stage, card.Metadata.CreatedUtc, now, card.DriftVerdict, card.Limits());

    /// <summary>Writes the summary to <paramref name="path"/>.</summary>
    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>Reads <paramref name="path"/>, or null when it is missing or unreadable (the index then shows the page without a verdict).</summary>
    public static RenderedCard? TryRead(string path)
    {
        try { return File.Exists(path) ? JsonSerializer.Deserialize<RenderedCard>(File.ReadAllText(path), Json) : null; }
        catch (JsonException) { return null; }
    }
}
