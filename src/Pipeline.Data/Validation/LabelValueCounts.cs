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
    private readonly List<string> _firstSeen = []; // the values in the order they first occurred, for a merge
    private readonly int _limit;

    public LabelValueCounts() : this(DistinctLimit)
    {
    }

    /// <summary>Counts that tell at most <paramref name="limit"/> values apart (a chunk of a parallel pass: all of them).</summary>
    public LabelValueCounts(int limit)
    {
        _limit = limit;
        _lookup = _counts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Rows whose value was not told apart because <see cref="DistinctLimit"/> values were already seen.</summary>
    public long Other { get; private set; }

    /// <summary>The values seen, most frequent first (ties in ordinal order).</summary>
    public IReadOnlyList<(string Value, long Count)> Values =>
        _counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)).ToList();

    public void Add(ReadOnlySpan<char> value)
    {
        if (_lookup.TryGetValue(value, out var count)) _lookup[value] = count + 1;
        else if (_counts.Count < _limit) Add(value.ToString(), 1);
        else Other++;
    }

    /// <summary>
    /// Adds the counts of <paramref name="chunk"/>, a later part of the same file counted with no limit: its values in
    /// the order they first occurred there, so the values told apart are those one pass over the file tells apart.
    /// </summary>
    public void Merge(LabelValueCounts chunk)
    {
        foreach (var value in chunk._firstSeen)
        {
            var count = chunk._counts[value];
            if (_counts.TryGetValue(value, out var seen)) _counts[value] = seen + count;
            else if (_counts.Count < _limit) Add(value, count);
            else Other += count;
        }
        Other += chunk.Other;
    }

    private void Add(string value, long count)
    {
        _counts[value] = count;
        _firstSeen.Add(value);
    }
}
