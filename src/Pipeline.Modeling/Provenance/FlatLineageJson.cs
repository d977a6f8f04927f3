using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Modeling.Provenance;

/// <summary>
/// JSON of a record that contains a <see cref="Lineage"/> (marked <c>[JsonIgnore]</c>): the lineage's fields are
/// written at the top level, before the record's own, and read back from there. This keeps training.json, the run
/// records and metadata.json in the flat shape that existing files, the scoring service and Containerize read.
/// </summary>
static class FlatLineageJson
{
    /// <summary>The JSON of <paramref name="record"/> with <paramref name="lineage"/>'s fields at the top level.</summary>
    public static string Serialize<T>(T record, Lineage lineage, JsonSerializerOptions options)
    {
        var flat = JsonSerializer.SerializeToNode(lineage, options)!.AsObject();
        var own = JsonSerializer.SerializeToNode(record, options)!.AsObject();
        foreach (var (name, value) in own.ToList())
        {
            own.Remove(name);
            flat[name] = value;
        }
        return flat.ToJsonString(options);
    }

    /// <summary>Reads <paramref name="json"/> as <typeparamref name="T"/> and as the lineage at its top level.</summary>
    /// <exception cref="JsonException">The JSON is invalid or a value has the wrong type.</exception>
    public static (T? Record, Lineage? Lineage) Deserialize<T>(string json, JsonSerializerOptions options) =>
        (JsonSerializer.Deserialize<T>(json, options), JsonSerializer.Deserialize<Lineage>(json, options));
}
