using System.Runtime.CompilerServices;
using Pipeline.Data.Text;

namespace Pipeline.Data.Validation;

/// <summary>
/// How often each distinct label value occurs, counted without allocating per row; at most
/// <see cref="DistinctLimit"/> values are told apart, the rest are counted together in <see cref="Other"/>.
/// </summary>
internal sealed class LabelValueCounts
{
    public const int DistinctLimit = 200;

    private readonly TextIndex _values = new(); // numbered in the order they first occurred, for a merge
    private readonly List<long> _counts = [];
    private readonly int _limit;

    public LabelValueCounts() : this(DistinctLimit)
    {
    }

    /// <summary>Counts that tell at most <paramref name="limit"/> values apart (a chunk of a parallel pass: all of them).</summary>
    public LabelValueCounts(int limit)
    {
        _limit = limit;
    }

    /// <summary>Rows whose value was not told apart because <see cref="DistinctLimit"/> values were already seen.</summary>
    public long Other { get; private set; }

    /// <summary>The values seen, most frequent first (ties in ordinal order).</summary>
    public IReadOnlyList<(string Value, long Count)> Values =>
        Enumerable.Range(0, _values.Count).Select(i => (Value: _values[i], Count: _counts[i]))
            .OrderByDescending(p => p.Count).ThenBy(p => p.Value, StringComparer.Ordinal).ToList();

    /// <summary>Counts one occurrence of <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<char> value)
    {
        if (_values.IndexOf(value) is var index and >= 0) _counts[index]++;
        else if (_values.Count < _limit) Add(value.ToString(), 1);
        else Other++;
    }

    /// <summary>
    /// Adds the counts of <paramref name="chunk"/>, a later part of the same file counted with no limit: its values in
    /// the order they first occurred there, so the values told apart are those one pass over the file tells apart.
    /// </summary>
    public void Merge(LabelValueCounts chunk)
    {
        for (var i = 0; i < chunk._values.Count; i++)
        {
            var (value, count) = (chunk._values[i], chunk._counts[i]);
            if (_values.IndexOf(value) is var index and >= 0) _counts[index] += count;
            else if (_values.Count < _limit) Add(value, count);
            else Other += count;
        }
        Other += chunk.Other;
    }

    private void Add(string value, long count)
    {
        _values.Add(value);
        _counts.Add(count);
    }
}
