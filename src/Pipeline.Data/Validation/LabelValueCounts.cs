namespace Pipeline.Data.Validation;

/// <summary>
/// How often each distinct label value occurs, counted without allocating per row; at most
/// <see cref="DistinctLimit"/> values are told apart, the rest are counted together in <see cref="Other"/>.
/// </summary>
internal sealed class LabelValueCounts
{
    public const int DistinctLimit = 200;

    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public LabelValueCounts() => _lookup = _counts.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Rows whose value was not told apart because <see cref="DistinctLimit"/> values were already seen.</summary>
    public long Other { get; private set; }

    /// <summary>The values seen, most frequent first (ties in ordinal order).</summary>
    public IReadOnlyList<(string Value, long Count)> Values =>
        _counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)).ToList();

    public void Add(ReadOnlySpan<char> value)
    {
        if (_lookup.TryGetValue(value, out var count)) _lookup[value] = count + 1;
        else if (_counts.Count < DistinctLimit) _lookup[value] = 1;
        else Other++;
    }
}
