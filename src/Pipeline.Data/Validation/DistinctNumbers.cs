using System.Runtime.CompilerServices;

namespace Pipeline.Data.Validation;

/// <summary>
/// The distinct numbers of a column, up to a limit: an open-addressing table of the values' bits, a few times cheaper
/// per value than a <see cref="HashSet{T}"/> of doubles (validation adds every value of every numeric column). As
/// there, 0 and −0 are one value; NaN never comes (only finite values are valid).
/// </summary>
internal sealed class DistinctNumbers
{
    private readonly ulong[] _slots; // bits + 1, so that 0 marks an empty slot (no double has all bits set: that is a NaN)
    private readonly int _mask;

    public DistinctNumbers(int limit)
    {
        Limit = limit;
        var size = 1;
        while (size < limit * 2) size <<= 1; // at most half full
        _slots = new ulong[size];
        _mask = size - 1;
    }

    /// <summary>The most values kept; values beyond it are not counted.</summary>
    public int Limit { get; }

    /// <summary>The distinct values added, at most <see cref="Limit"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="value"/> unless it is there or <see cref="Limit"/> values are.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(double value)
    {
        if (Count >= Limit) return; // full: a value already held or a new one, the count stays the limit
        var key = (ulong)BitConverter.DoubleToInt64Bits(value == 0 ? 0 : value) + 1;
        var slot = (int)((key * 0x9E3779B97F4A7C15UL) >> 40) & _mask;
        while (true)
        {
            var held = _slots[slot];
            if (held == key) return;
            if (held == 0)
            {
                if (Count >= Limit) return;
                _slots[slot] = key;
                Count++;
                return;
            }
            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>Adds the values of <paramref name="other"/> (a later part of the same column), up to the limit.</summary>
    public void AddAll(DistinctNumbers other)
    {
        foreach (var key in other._slots)
            if (key != 0)
                Add(BitConverter.Int64BitsToDouble((long)(key - 1)));
    }
}
