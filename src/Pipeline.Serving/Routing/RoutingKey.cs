using System.Text.Json;

namespace Pipeline.Serving.Routing;

/// <summary>The sticky key of a request: the configured header, else the configured field of its first record, else none.</summary>
public static class RoutingKey
{
    /// <summary>The key of the request, or null when it has none (it is then routed at random).</summary>
    public static string? Of(HttpRequest request, IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> records, string header, string? field)
    {
        if (request.Headers.TryGetValue(header, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]))
            return values[0];
        if (field is null || records.Count == 0 || !records[0].TryGetValue(field, out var value))
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => null,
        };
    }
}
