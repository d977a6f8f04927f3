using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Pipeline.Data.Specs;

/// <summary>The JSON conventions of every file this library writes or reads: camelCase, kebab-case enums.</summary>
public static class SpecJson
{
    /// <summary>Options for reading and writing specs, schemas, reports and input schemas.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static readonly ConcurrentDictionary<Type, Lazy<JsonTypeInfo>> Metadata = new();

    /// <summary>
    /// The serialisation metadata of <paramref name="type"/> under <see cref="Options"/>, built once: built by
    /// reflection, it takes tens of milliseconds, and a thread that asks while another builds it (the start-up warm-up,
    /// the first load of a spec) waits for that one instead of building it a second time.
    /// </summary>
    public static JsonTypeInfo MetadataOf(Type type) =>
        Metadata.GetOrAdd(type, static t => new Lazy<JsonTypeInfo>(() => Options.GetTypeInfo(t))).Value;

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
