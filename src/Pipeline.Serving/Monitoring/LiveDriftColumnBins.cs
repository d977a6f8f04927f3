using System.Text.Json;
using Pipeline.Modeling.Registry;

namespace Pipeline.Serving.Monitoring;

/// <summary>
/// Puts one request field (or the score) into the bins of a <see cref="LiveDriftColumn"/>, as
/// <c>Pipeline.Data.Drift.ReferenceBins</c> does for CheckDrift, without allocating. A category the reference never
/// had goes to one extra bin (reference count 0), the last.
/// </summary>
sealed class LiveDriftColumnBins
{
    readonly double[]? _edges;
    readonly double? _constant;
    readonly string[]? _categories;

    public LiveDriftColumnBins(LiveDriftColumn column)
    {
        Column = column;
        _edges = column.Edges?.ToArray();
        _constant = column.Constant;
        _categories = column.Categories?.ToArray();
        // One more bin than the reference's, for unseen categories; numbers never use it, so it adds nothing to their PSI.
        ReferenceCounts = [.. column.ReferenceCounts, 0];
    }

    /// <summary>The column as the version's file describes it.</summary>
    public LiveDriftColumn Column { get; }

    /// <summary>The reference's count per bin, with the extra bin last.</summary>
    public long[] ReferenceCounts { get; }

    /// <summary>The number of bins, the extra one included.</summary>
    public int Count => ReferenceCounts.Length;

    /// <summary>The bin of a number: the number of edges ≤ it (or below/at/above a constant reference).</summary>
    public int BinOf(double value)
    {
        if (_edges is null) return _constant is { } c ? (value < c ? 0 : value == c ? 1 : 2) : Count - 1;
        var position = Array.BinarySearch(_edges, value);
        return position >= 0 ? position + 1 : ~position;
    }

    /// <summary>The bin of a request field's value, or -1 when the value is not there (it is then not counted).</summary>
    public int BinOf(IReadOnlyDictionary<string, JsonElement> record)
    {
        if (!record.TryGetValue(Column.Name, out var value)) return -1;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when _categories is null:
                return value.TryGetDouble(out var number) ? BinOf(number) : -1;
            case JsonValueKind.True or JsonValueKind.False when _categories is not null:
                return CategoryBin(value.ValueKind == JsonValueKind.True ? "true" : "false");
            case JsonValueKind.String when _categories is not null:
                for (var b = 0; b < _categories.Length; b++)
                    if (value.ValueEquals(_categories[b])) return b;
                return Count - 1;
            default:
                return -1;
        }
    }

    int CategoryBin(string category)
    {
        var index = Array.IndexOf(_categories!, category);
        return index >= 0 ? index : Count - 1;
    }
}
