using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Data.Specs;

/// <summary>The JSON conventions of every file this library writes or reads: camelCase, kebab-case enums.</summary>
public static class SpecJson
{
    /// <summary>Options for reading and writing specs, schemas, reports and input schemas.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>
    /// Builds the serialisation metadata of the files nearly every run reads or writes (the spec, the schema, the
    /// validation report) on a thread-pool thread, so the process's start (its other core) pays for it while the build
    /// engine starts, instead of the first read. Building it by reflection takes about a tenth of a second.
    /// </summary>
    public static void PrepareInBackground() => ThreadPool.UnsafeQueueUserWorkItem(_ =>
    {
        foreach (var type in (Type[])[typeof(DatasetSpec), typeof(Validation.DataSchema), typeof(Validation.ValidationReport)])
            Options.GetTypeInfo(type);
    }, null);

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
