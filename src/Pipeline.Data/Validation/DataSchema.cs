using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Validation;

/// <summary>
/// What reference data looked like, inferred once and reviewed and committed next to the spec
/// (<c>data/&lt;name&gt;.schema.json</c>), so later data is validated against it rather than against itself
/// (as TensorFlow Data Validation does).
/// </summary>
public sealed record DataSchema
{
    /// <summary>The spec's name.</summary>
    public required string Dataset { get; init; }

    /// <summary>Where the reference data came from (file path or simulator description).</summary>
    public required string InferredFrom { get; init; }

    /// <summary>The SHA-256 of the reference data.</summary>
    public required string ContentHash { get; init; }

    /// <summary>The number of reference rows.</summary>
    public long Rows { get; init; }

    /// <summary>One entry per spec column.</summary>
    public required IReadOnlyList<SchemaColumn> Columns { get; init; }

    /// <summary>The reference share of positive labels.</summary>
    public double PositiveFraction { get; init; }

    /// <summary>The accepted share of positive labels: outside it, class balance is a warning.</summary>
    public required double[] AllowedPositiveFraction { get; init; }

    /// <summary>The entry for a column, or null.</summary>
    public SchemaColumn? FindColumn(string name) => Columns.FirstOrDefault(c => c.Name == name);

    /// <summary>Reads a schema file.</summary>
    /// <exception cref="DataException">The file is not a valid schema.</exception>
    public static DataSchema Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), (JsonTypeInfo<DataSchema>)SpecJson.MetadataOf(typeof(DataSchema)))
                ?? throw new DataException($"The schema file '{path}' is empty (null); re-run ./build.sh InferSchema.", path);
        }
        catch (JsonException e)
        {
            throw new DataException(
                $"The schema file '{path}' is not valid {JsonProblem.Describe(e)}. Fix it or re-run ./build.sh InferSchema.",
                path, (e.LineNumber ?? 0) + 1, e.Path, e);
        }
    }

    /// <summary>Writes the schema as indented JSON.</summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, SpecJson.Options) + "\n");
    }
}

/// <summary>What one column looked like in the reference data.</summary>
public sealed record SchemaColumn
{
    /// <summary>The header name.</summary>
    public required string Name { get; init; }

    /// <summary>The value type it was read as.</summary>
    public required ColumnValueType Type { get; init; }

    /// <summary>Smallest value seen (numeric).</summary>
    public double? Min { get; init; }

    /// <summary>Largest value seen (numeric).</summary>
    public double? Max { get; init; }

    /// <summary>Mean (numeric).</summary>
    public double? Mean { get; init; }

    /// <summary>Standard deviation (numeric).</summary>
    public double? StandardDeviation { get; init; }

    /// <summary>
    /// The accepted range (numeric): the seen range widened by half its width on each side. Values outside are
    /// warnings (drift or a unit error), not errors: errors are the spec's physical min/max.
    /// </summary>
    public double[]? AllowedRange { get; init; }

    /// <summary>The values seen, with their share of rows (categorical), in spec domain order.</summary>
    public IReadOnlyDictionary<string, double>? Frequencies { get; init; }

    /// <summary>The share of true values (boolean).</summary>
    public double? TrueFraction { get; init; }

    /// <summary>Number of distinct values (up to the profiler's limit).</summary>
    public long? Distinct { get; init; }
}
