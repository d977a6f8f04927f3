namespace Pipeline.Data.Specs;

/// <summary>
/// How the label column's cells map to the positive class, from exactly one of the spec's <c>positiveValue</c>,
/// <c>positiveValues</c> or <c>negativeValues</c> (every other value positive, e.g. any attack against
/// <c>normal</c>). Boolean-like values (<c>true/false</c>, <c>1/0</c>, <c>yes/no</c>) match in any case, because
/// tools disagree on their spelling (pandas writes <c>True</c>, spreadsheets <c>TRUE</c>); other values match exactly.
/// </summary>
public sealed class LabelMapping
{
    private static readonly string[] BooleanLike = ["true", "false", "yes", "no", "1", "0"];

    private readonly string[] _values;
    private readonly string[]? _domain;

    private LabelMapping(string field, IReadOnlyList<string> values, bool listsNegatives, IReadOnlyList<string>? domain)
    {
        Field = field;
        _values = values.ToArray();
        ListsNegatives = listsNegatives;
        _domain = domain?.ToArray();
    }

    /// <summary>The spec field that defines the mapping: <c>positiveValue</c>, <c>positiveValues</c> or <c>negativeValues</c>.</summary>
    public string Field { get; }

    /// <summary>The values the field lists.</summary>
    public IReadOnlyList<string> Values => _values;

    /// <summary>True when <see cref="Values"/> are the negative ones and every other value is positive.</summary>
    public bool ListsNegatives { get; }

    /// <summary>The mapping of a checked spec.</summary>
    public static LabelMapping For(DatasetSpec spec)
    {
        var domain = spec.FindColumn(spec.Label)?.Domain;
        if (spec.NegativeValues is { } negatives) return new LabelMapping("negativeValues", negatives, true, domain);
        if (spec.PositiveValues is { } positives) return new LabelMapping("positiveValues", positives, false, domain);
        return new LabelMapping("positiveValue", [spec.PositiveValue ?? ""], false, domain);
    }

    /// <summary>Whether a (trimmed, present) label cell means the positive class.</summary>
    public bool IsPositive(ReadOnlySpan<char> cell)
    {
        foreach (var value in _values)
            if (Matches(cell, value)) return !ListsNegatives;
        return ListsNegatives;
    }

    /// <summary>Whether a label cell is allowed: in the label's domain, or anything when it has none.</summary>
    public bool IsKnown(ReadOnlySpan<char> cell)
    {
        if (_domain is null) return true;
        foreach (var value in _domain)
            if (Matches(cell, value)) return true;
        return false;
    }

    /// <summary>Whether a cell equals a listed value: exactly, or in any case when the value is boolean-like.</summary>
    public static bool Matches(ReadOnlySpan<char> cell, string value) =>
        cell.SequenceEqual(value) || (IsBooleanLike(value) && cell.Equals(value, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether a value is one of true/false, yes/no, 1/0 in any case.</summary>
    public static bool IsBooleanLike(string value) =>
        BooleanLike.Any(b => value.Equals(b, StringComparison.OrdinalIgnoreCase));

    /// <summary>The mapping in words, e.g. <c>'TRUE'</c> or <c>anything but 'normal'</c>.</summary>
    public string Describe() => ListsNegatives
        ? "anything but " + Join(_values, "or")
        : _values.Length == 1 ? Quote(_values[0]) : "any of " + Join(_values, "or");

    private static string Join(IReadOnlyList<string> values, string conjunction) => values.Count switch
    {
        1 => Quote(values[0]),
        _ => string.Join(", ", values.Take(values.Count - 1).Select(Quote)) + $" {conjunction} " + Quote(values[^1]),
    };

    private static string Quote(string value) => "'" + value + "'";
}
