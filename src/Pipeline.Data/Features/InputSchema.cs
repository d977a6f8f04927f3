using System.Globalization;
using System.Text.Json;
using Pipeline.Data.Specs;
using Pipeline.Data.Text;

namespace Pipeline.Data.Features;

/// <summary>The kind of value an input field takes.</summary>
public enum InputFieldKind
{
    /// <summary>A finite JSON number.</summary>
    Numeric,

    /// <summary>A JSON string from the field's domain.</summary>
    Categorical,

    /// <summary>JSON <c>true</c>/<c>false</c> (or the numbers 1/0).</summary>
    Boolean,
}

/// <summary>One raw field a scoring request carries.</summary>
public sealed record InputField
{
    /// <summary>The field name: the dataset column's header name, e.g. <c>Torque [Nm]</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The kind of value.</summary>
    public required InputFieldKind Kind { get; init; }

    /// <summary>The allowed values of a categorical field.</summary>
    public IReadOnlyList<string>? Domain { get; init; }

    /// <summary>The smallest allowed value of a numeric field.</summary>
    public double? Min { get; init; }

    /// <summary>The largest allowed value of a numeric field.</summary>
    public double? Max { get; init; }
}

/// <summary>
/// The raw fields a scoring request must carry, derived from a spec's feature columns, with their kinds, domains
/// and ranges. Serialisable to JSON so the registry can keep it with each model version.
/// </summary>
public sealed record InputSchema
{
    /// <summary>The dataset spec's name.</summary>
    public required string Dataset { get; init; }

    /// <summary>The fields, in spec order.</summary>
    public required IReadOnlyList<InputField> Fields { get; init; }

    /// <summary>Spec columns that are deliberately not inputs (id, label, excluded), with why; used in error hints.</summary>
    public IReadOnlyDictionary<string, string> NotInputs { get; init; } = new Dictionary<string, string>();

    /// <summary>The input schema of a spec: one field per numeric, categorical or boolean feature column.</summary>
    public static InputSchema From(DatasetSpec spec) => new()
    {
        Dataset = spec.Name,
        Fields = spec.Columns.Where(c => c.IsFeature).Select(c => new InputField
        {
            Name = c.Name,
            Kind = c.Role switch
            {
                ColumnRole.Numeric => InputFieldKind.Numeric,
                ColumnRole.Categorical => InputFieldKind.Categorical,
                _ => InputFieldKind.Boolean,
            },
            Domain = c.Role == ColumnRole.Categorical ? c.Domain : null,
            Min = c.Min,
            Max = c.Max,
        }).ToList(),
        NotInputs = spec.Columns.Where(c => !c.IsFeature).ToDictionary(
            c => c.Name,
            c => c.Role switch
            {
                ColumnRole.Id => "it is the row id",
                ColumnRole.Label => "it is the label the model predicts",
                _ => "the spec excludes it" + (c.Reason is { } r ? $" ({r})" : ""),
            }),
    };

    /// <summary>The schema as JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, SpecJson.Options);

    /// <summary>Reads a schema written by <see cref="ToJson"/>.</summary>
    /// <exception cref="DataException">The text is not a valid input schema.</exception>
    public static InputSchema FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<InputSchema>(json, SpecJson.Options)
                ?? throw new DataException("The input schema JSON is null; expected an object with \"dataset\" and \"fields\".");
        }
        catch (JsonException e)
        {
            throw new DataException($"The input schema JSON is not valid {JsonProblem.Describe(e)}.", innerException: e);
        }
    }

    /// <summary>
    /// Checks a scoring record: every field present, no unknown field, each value of the right kind, finite,
    /// within range and (for categorical fields) from the domain.
    /// </summary>
    /// <exception cref="InputValidationException">The first problem found, naming the field.</exception>
    public void Validate(IReadOnlyDictionary<string, JsonElement> record) => ReadValues(record);

    /// <summary>
    /// Validates a scoring record like <see cref="Validate"/> and returns each field's value (see
    /// <see cref="ReadValue"/>) in <see cref="Fields"/> order, so a caller that needs the values reads them once.
    /// </summary>
    /// <exception cref="InputValidationException">The first problem found, naming the field.</exception>
    public double[] ReadValues(IReadOnlyDictionary<string, JsonElement> record)
    {
        if (!HasExactlyTheFields(record))
        {
            ThrowIfUnknownField(record);
        }
        var values = new double[Fields.Count];
        for (var i = 0; i < Fields.Count; i++)
        {
            var field = Fields[i];
            if (!record.TryGetValue(field.Name, out var value))
                throw new InputValidationException(field.Name, $"Missing field '{field.Name}': expected {Expectation(field)}.");
            values[i] = ReadValue(field, value);
        }
        return values;
    }

    // Runs for every scored record, so without allocating: as many keys as fields, and every field there, leaves no
    // room for an unknown key (a dictionary's keys are distinct; names compare ordinally, as the check below does).
    private bool HasExactlyTheFields(IReadOnlyDictionary<string, JsonElement> record)
    {
        if (record is not Dictionary<string, JsonElement> { Comparer: var comparer }
            || !(ReferenceEquals(comparer, StringComparer.Ordinal) || ReferenceEquals(comparer, EqualityComparer<string>.Default)))
            return false;
        if (record.Count != Fields.Count) return false;
        for (var i = 0; i < Fields.Count; i++)
            if (!record.ContainsKey(Fields[i].Name)) return false;
        return true;
    }

    private void ThrowIfUnknownField(IReadOnlyDictionary<string, JsonElement> record)
    {
        var known = new HashSet<string>(Fields.Select(f => f.Name));
        foreach (var name in record.Keys.Order(StringComparer.Ordinal))
        {
            if (known.Contains(name)) continue;
            var hint = NotInputs.TryGetValue(name, out var why)
                ? $"'{name}' is not a model input: {why}"
                : $"'{ValuePreview.Of(name)}' is not a field of the {Dataset} model";
            throw new InputValidationException(name, $"Unknown field: {hint}. Expected fields: {FieldList()}.");
        }
    }

    /// <summary>The numeric value of a validated field (booleans as 0/1); categorical fields give their domain index.</summary>
    internal static double ReadValue(InputField field, JsonElement value)
    {
        switch (field.Kind)
        {
            case InputFieldKind.Numeric:
                if (value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && !double.IsFinite(parsed))
                    throw new InputValidationException(field.Name, $"Field '{field.Name}' is {ValuePreview.Of(value.GetString()!)}: expected a finite number (NaN and infinities are not allowed).");
                if (value.ValueKind != JsonValueKind.Number)
                    throw WrongType(field, value);
                if (!value.TryGetDouble(out var number) || !double.IsFinite(number))
                    throw new InputValidationException(field.Name, $"Field '{field.Name}' is {ValuePreview.Of(value.GetRawText())}: expected a finite number within the range of a double.");
                if (number < field.Min || number > field.Max)
                    throw new InputValidationException(field.Name,
                        $"Field '{field.Name}' is {number.ToString(CultureInfo.InvariantCulture)}: expected a value between {field.Min?.ToString(CultureInfo.InvariantCulture) ?? "-∞"} and {field.Max?.ToString(CultureInfo.InvariantCulture) ?? "∞"}.");
                return number;
            case InputFieldKind.Boolean:
                if (value.ValueKind == JsonValueKind.True) return 1;
                if (value.ValueKind == JsonValueKind.False) return 0;
                if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var flag) && flag is 0 or 1) return flag;
                throw WrongType(field, value);
            default:
                if (value.ValueKind == JsonValueKind.Number)
                    return NumericCodeIndex(field, value);
                if (value.ValueKind != JsonValueKind.String)
                    throw WrongType(field, value);
                // Compared as UTF-8 where it lies: no string per record (the domain is a handful of categories).
                var domain = field.Domain!;
                for (var d = 0; d < domain.Count; d++)
                    if (value.ValueEquals(domain[d])) return d;
                throw new InputValidationException(field.Name,
                    $"Field '{field.Name}' is \"{ValuePreview.Of(value.GetString()!)}\", a category the model has not seen: expected one of {string.Join(", ", field.Domain!.Select(d => "\"" + d + "\""))}.");
        }
    }

    /// <summary>
    /// A categorical given as a JSON number (a numeric-coded category such as <c>3</c> for <c>"3"</c>): the one domain
    /// value that reads as the same number.
    /// </summary>
    private static int NumericCodeIndex(InputField field, JsonElement value)
    {
        var domain = field.Domain!;
        var matches = new List<int>();
        if (value.TryGetDouble(out var number))
            for (var i = 0; i < domain.Count; i++)
                if (double.TryParse(domain[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var code) && code == number)
                    matches.Add(i);
        return matches.Count switch
        {
            1 => matches[0],
            0 when domain.Any(d => double.TryParse(d, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) =>
                throw new InputValidationException(field.Name,
                    $"Field '{field.Name}' is {Truncate(value.GetRawText())}, a category the model has not seen: expected one of {string.Join(", ", domain.Select(d => "\"" + d + "\""))}."),
            0 => throw WrongType(field, value),
            _ => throw new InputValidationException(field.Name,
                $"Field '{field.Name}' is {Truncate(value.GetRawText())}, which matches several categories ({string.Join(", ", matches.Select(i => "\"" + domain[i] + "\""))}); send the category as a string."),
        };
    }

    private static InputValidationException WrongType(InputField field, JsonElement value) =>
        new(field.Name, $"Field '{field.Name}' has the wrong type ({value.ValueKind.ToString().ToLowerInvariant()} {Truncate(value.GetRawText())}): expected {Expectation(field)}.");

    private static string Expectation(InputField field) => field.Kind switch
    {
        InputFieldKind.Numeric => "a number" + (field.Min is not null || field.Max is not null
            ? $" between {field.Min?.ToString(CultureInfo.InvariantCulture) ?? "-∞"} and {field.Max?.ToString(CultureInfo.InvariantCulture) ?? "∞"}"
            : ""),
        InputFieldKind.Boolean => "true or false",
        _ => "one of " + string.Join(", ", field.Domain!.Select(d => "\"" + d + "\"")),
    };

    private string FieldList() => string.Join(", ", Fields.Select(f => "'" + f.Name + "'"));

    private static string Truncate(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
