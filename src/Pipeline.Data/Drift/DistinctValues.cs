using System.Numerics;
using System.Runtime.CompilerServices;

namespace Pipeline.Data.Drift;

/// <summary>
/// A numeric sample's distinct values in ascending order with their cumulative counts, and the distinct value of each
/// row, counted with a hash table rather than by sorting the sample. Measured features usually repeat a few hundred or
/// thousand values (a temperature to 0.1 K, a speed in whole rpm) over a million rows; counting them costs one pass,
/// where a sort costs twenty. The result is the same as grouping the sorted sample: quantiles, bin counts and the
/// Kolmogorov–Smirnov statistic computed from it equal those computed from the sorted values.
/// </summary>
public sealed class DistinctValues
{
    private DistinctValues(double[] values, int[] cumulativeCounts, int[]? indexOfRow)
    {
        Values = values;
        CumulativeCounts = cumulativeCounts;
        IndexOfRow = indexOfRow;
    }

    /// <summary>The distinct values, ascending.</summary>
    public double[] Values { get; }

    /// <summary>For each of <see cref="Values"/>, the number of sample values at or below it (the last is the sample size).</summary>
    public int[] CumulativeCounts { get; }

    /// <summary>For each row, the index of its value in <see cref="Values"/> (when asked for), else null.</summary>
    public int[]? IndexOfRow { get; }

    /// <summary>The sample size.</summary>
    public int Count => CumulativeCounts.Length == 0 ? 0 : CumulativeCounts[^1];

    /// <summary>The value at rank <paramref name="rank"/> (0-based) of the sorted sample.</summary>
    public double ValueAtRank(int rank)
    {
        // The first distinct value whose cumulative count exceeds the rank.
        int lo = 0, hi = CumulativeCounts.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (CumulativeCounts[mid] > rank) hi = mid; else lo = mid + 1;
        }
        return Values[lo];
    }

    /// <summary>The sample's empirical distribution function (the same object as from its sorted values).</summary>
    public EmpiricalDistribution ToDistribution() => EmpiricalDistribution.Of(Values, CumulativeCounts);

    /// <summary>
    /// Counts <paramref name="sample"/>'s distinct values, or returns null when counting would not pay or could differ
    /// from sorting: more than a quarter of the rows distinct, or more than half of the first sixteenth (a sort is then
    /// as cheap), or a NaN or −0 among them (which a sort orders and groups by comparison, not by bits).
    /// </summary>
    /// <param name="sample">The values, in row order.</param>
    /// <param name="withRows">Whether to keep each row's distinct index (<see cref="IndexOfRow"/>).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DistinctValues? TryCount(double[] sample, bool withRows)
    {
        if (sample.Length == 0) return null;
        var limit = Math.Max(16, sample.Length / 4);
        var probe = sample.Length >= 16_384 ? sample.Length / 16 : -1;
        var capacity = 1024;
        var slots = NewSlots(capacity);
        var keys = new long[capacity / 2];
        var counts = new int[capacity / 2];
        var distinct = 0;
        var indexOfRow = withRows ? new int[sample.Length] : null;
        for (var row = 0; row < sample.Length; row++)
        {
            var bits = BitConverter.DoubleToInt64Bits(sample[row]);
            // NaN (exponent all ones, mantissa not zero) or −0: leave these to a sort's comparisons.
            if ((bits & long.MaxValue) > 0x7FF0000000000000L || bits == long.MinValue) return null;
            var mask = capacity - 1;
            var slot = Slot(bits, capacity);
            int index;
            while (true)
            {
                index = slots[slot];
                if (index < 0 || keys[index] == bits) break;
                slot = (slot + 1) & mask;
            }
            // A sample whose first sixteenth is mostly distinct (a model's scores, a continuous measurement) would
            // rather be sorted: give up before filling the table.
            if (row == probe && distinct > row / 2) return null;
            if (index < 0)
            {
                if (distinct == limit) return null;
                index = distinct++;
                keys[index] = bits;
                slots[slot] = index;
                if (distinct == capacity / 2)
                {
                    // Half full: double the table and the key arrays, and place the keys again.
                    capacity *= 2;
                    slots = NewSlots(capacity);
                    Array.Resize(ref keys, capacity / 2);
                    Array.Resize(ref counts, capacity / 2);
                    for (var k = 0; k < distinct; k++)
                    {
                        var s = Slot(keys[k], capacity);
                        while (slots[s] >= 0) s = (s + 1) & (capacity - 1);
                        slots[s] = k;
                    }
                }
            }
            counts[index]++;
            if (indexOfRow is not null) indexOfRow[row] = index;
        }

        // The distinct values in ascending order, and where each first-seen index went.
        var values = new double[distinct];
        var order = new int[distinct];
        for (var k = 0; k < distinct; k++)
        {
            values[k] = BitConverter.Int64BitsToDouble(keys[k]);
            order[k] = k;
        }
        Array.Sort(values, order);
        var rank = new int[distinct];
        var cumulative = new int[distinct];
        var sum = 0;
        for (var r = 0; r < distinct; r++)
        {
            rank[order[r]] = r;
            sum += counts[order[r]];
            cumulative[r] = sum;
        }
        if (indexOfRow is not null)
            for (var row = 0; row < indexOfRow.Length; row++)
                indexOfRow[row] = rank[indexOfRow[row]];
        return new DistinctValues(values, cumulative, indexOfRow);
    }

    /// <summary>
    /// The distinct values of <paramref name="sample"/> (without <see cref="IndexOfRow"/>), by counting when it pays
    /// (see <see cref="TryCount"/>), else by sorting a copy (<see cref="SortedValues"/>).
    /// </summary>
    public static DistinctValues Of(double[] sample)
    {
        if (TryCount(sample, withRows: false) is { } counted) return counted;
        var distribution = EmpiricalDistribution.OfSorted(SortedValues.Of(sample));
        return new DistinctValues(distribution.Values, distribution.CumulativeCounts, null);
    }

    private static int[] NewSlots(int capacity)
    {
        var slots = new int[capacity];
        Array.Fill(slots, -1);
        return slots;
    }

    // Fibonacci hashing: the top bits of the product, which depend on all of the value's bits (the low ones are zero
    // for whole numbers and short decimals).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Slot(long bits, int capacity) => (int)((ulong)bits * 0x9E3779B97F4A7C15UL >> (64 - BitOperations.Log2((uint)capacity)));
}
