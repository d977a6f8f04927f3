using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Json.Serialization;
using Pipeline.Data.Features.Expressions;

namespace Pipeline.Data.Specs;

/// <summary>
/// A dataset described in <c>data/&lt;name&gt;.json</c>: where its rows come from, every column's role, the label,
/// derived features, label rules and the split. The pipeline is driven by this, not by C# that knows the data.
/// </summary>
public sealed record DatasetSpec
{
    /// <summary>The dataset's name (for example <c>ai4i2020</c>).</summary>
    public required string Name { get; init; }

    /// <summary>What the data is, where it comes from, its licence.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// The default source of rows; may be left out (then empty) for data that is always given with <c>--data</c>.
    /// </summary>
    public SourceSpec Source { get; init; } = new();

    /// <summary>Every column of the CSV, in any order (matched by header name).</summary>
    public required IReadOnlyList<ColumnSpec> Columns { get; init; }

    /// <summary>Features computed from other features, in evaluation order.</summary>
    public IReadOnlyList<DerivedFeatureSpec> DerivedFeatures { get; init; } = [];

    /// <summary>The name of the label column (its role must be <see cref="ColumnRole.Label"/>).</summary>
    public required string Label { get; init; }

    /// <summary>
    /// The label cell value that means the positive class (for example <c>1</c> or <c>TRUE</c>). Exactly one of this,
    /// <see cref="PositiveValues"/> and <see cref="NegativeValues"/> is set; <see cref="LabelMapping"/> applies them.
    /// </summary>
    public string? PositiveValue { get; init; }

    /// <summary>Several label values that all mean the positive class (for example two attack names).</summary>
    public IReadOnlyList<string>? PositiveValues { get; init; }

    /// <summary>The label values that mean the negative class; every other value is positive (e.g. <c>["normal"]</c>).</summary>
    public IReadOnlyList<string>? NegativeValues { get; init; }

    /// <summary>How rows are split into training and test sets.</summary>
    public SplitSpec Split { get; init; } = new();

    /// <summary>Declared relationships between the label and other columns, checked by validation.</summary>
    public IReadOnlyList<LabelRuleSpec> LabelRules { get; init; } = [];

    /// <summary>
    /// Columns known to predict the label strongly on their own and accepted as legitimate features, each with the
    /// reason (why it is known at prediction time); the leakage screen reports them as info instead of an error.
    /// </summary>
    public IReadOnlyDictionary<string, string> AcknowledgedLeakage { get; init; } = new Dictionary<string, string>();

    /// <summary>Thresholds of the single-column leakage screen.</summary>
    public LeakageScreenSpec LeakageScreen { get; init; } = new();

    /// <summary>
    /// The reviewed schema file validation compares against, relative to the spec's directory;
    /// default <c>&lt;name&gt;.schema.json</c>.
    /// </summary>
    public string? Schema { get; init; }

    /// <summary>The column with this header name, or null.</summary>
    public ColumnSpec? FindColumn(string name) => Columns.FirstOrDefault(c => c.Name == name);

    /// <summary>The position in <see cref="Columns"/> of the first column with <paramref name="role"/>, or -1.</summary>
    internal int IndexOfRole(ColumnRole role)
    {
        for (var i = 0; i < Columns.Count; i++)
            if (Columns[i].Role == role) return i;
        return -1;
    }

    /// <summary>How label cells map to the positive class (from positiveValue, positiveValues or negativeValues).</summary>
    [JsonIgnore]
    public LabelMapping LabelMapping => LabelMapping.For(this);

    /// <summary>The file (or name) the spec was read from, for messages; null for a spec built in code.</summary>
    [JsonIgnore]
    public string? LoadedFrom { get; init; }

    /// <summary>The label column.</summary>
    [JsonIgnore]
    public ColumnSpec LabelColumn => FindColumn(Label)!;

    /// <summary>The schema file name relative to the spec's directory.</summary>
    [JsonIgnore]
    public string SchemaFileName => Schema ?? Name + ".schema.json";

    /// <summary>Reads and checks a spec file.</summary>
    /// <exception cref="DataException">The file is missing, is not valid JSON, or describes an inconsistent spec.</exception>
    public static DatasetSpec Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"Cannot read the dataset spec '{path}': {e.Message}", path, innerException: e);
        }
        return Parse(json, path);
    }

    /// <summary>Parses and checks a spec from JSON text; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="DataException">The text is not valid JSON or describes an inconsistent spec.</exception>
    public static DatasetSpec Parse(string json, string sourceName)
    {
        DatasetSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize(json, (JsonTypeInfo<DatasetSpec>)SpecJson.MetadataOf(typeof(DatasetSpec)));
        }
        catch (JsonException e)
        {
            long? line = e.LineNumber is { } l ? l + 1 : null;
            throw new DataException(
                $"The dataset spec '{sourceName}' is not valid {JsonProblem.Describe(e)}. See data/README.md for the spec format.",
                sourceName, line, e.Path, e);
        }
        if (spec is null)
            throw new DataException($"The dataset spec '{sourceName}' is empty (null); expected a JSON object.", sourceName);
        new DatasetSpecChecker(spec, sourceName).Check();
        return spec with { LoadedFrom = sourceName };
    }

    /// <summary>The spec as JSON, in the same format <see cref="Parse"/> reads (so a registry can store it).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, SpecJson.Options);
}
