using System.Runtime.CompilerServices;

namespace Pipeline.Data.Text;

/// <summary>
/// Strings numbered in the order they were added, found by a span of characters without allocating: a category's
/// position in its domain, a label value's slot. Written for the per-cell lookups of a pass over millions of rows,
/// where a <see cref="Dictionary{TKey, TValue}"/>'s span lookup is shared generic code that asks the runtime for its
/// comparer on every call. A few values (a domain like L/M/H) are compared one by one, more through a hash table.
/// </summary>
internal sealed class TextIndex
{
    // Up to this many values a scan comparing lengths first beats hashing the span.
    private const int ScanLimit = 8;

    private string[] _values = new string[4];
    private int _count;
    private int[] _slots = []; // index + 1 of the value hashed there; 0 for an empty slot (used beyond ScanLimit)

    /// <summary>An empty index.</summary>
    public TextIndex()
    {
    }

    /// <summary>An index of <paramref name="values"/>, each numbered by its position (of equal values, the first is found).</summary>
    public TextIndex(IEnumerable<string> values)
    {
        foreach (var value in values) Add(value);
    }

    /// <summary>How many values there are.</summary>
    public int Count => _count;

    /// <summary>The value numbered <paramref name="index"/>.</summary>
    public string this[int index] => (uint)index < (uint)_count ? _values[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The number of <paramref name="text"/>, or −1 when it is not in the index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int IndexOf(ReadOnlySpan<char> text)
    {
        if (_count <= ScanLimit)
        {
            for (var i = 0; i < _count; i++)
            {
                var value = _values[i];
                if (value.Length == text.Length && text.SequenceEqual(value)) return i;
            }
            return -1;
        }
        var mask = _slots.Length - 1;
        for (var slot = Hash(text) & mask; ; slot = (slot + 1) & mask)
        {
            var held = _slots[slot];
            if (held == 0) return -1;
            var value = _values[held - 1];
            if (value.Length == text.Length && text.SequenceEqual(value)) return held - 1;
        }
    }

    /// <summary>Adds <paramref name="value"/> (not to be found while an equal value precedes it) and returns its number.</summary>
    public int Add(string value)
    {
        if (_count == _values.Length) Array.Resize(ref _values, _count * 2);
        _values[_count++] = value;
        if (_count > ScanLimit)
        {
            if (_count * 2 > _slots.Length) Rehash(Math.Max(64, _slots.Length * 2));
            else Place(_count - 1);
        }
        return _count - 1;
    }

    private void Rehash(int size)
    {
        _slots = new int[size];
        for (var i = 0; i < _count; i++) Place(i);
    }

    private void Place(int index)
    {
        var mask = _slots.Length - 1;
        var slot = Hash(_values[index]) & mask;
        while (_slots[slot] != 0) slot = (slot + 1) & mask;
        _slots[slot] = index + 1;
    }

    private static int Hash(ReadOnlySpan<char> text) => string.GetHashCode(text) & int.MaxValue;
}
