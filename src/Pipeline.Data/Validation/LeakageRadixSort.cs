using System.Runtime.CompilerServices;

namespace Pipeline.Data.Validation;

/// <summary>
/// Sorts numbers for the leakage screens (ranks for a ROC AUC, quantiles and categories for the quick model's bins):
/// a least-significant-digit radix sort on the numbers' bits, a byte at a time. Linear in the count, and compiled fully
/// optimised at once: a validation sorts a few dozen arrays once, where the runtime's generic sort would run as
/// unoptimised first-tier code for most of the time. Order: ascending, −0 as 0 (rewritten as 0), NaN first (as
/// <see cref="Array.Sort(Array)"/> puts it). Items of equal numbers keep their relative order.
/// </summary>
internal static class LeakageRadixSort
{
    private const ulong SignBit = 1UL << 63;

    /// <summary>Sorts <paramref name="keys"/> ascending.</summary>
    public static void Sort(Span<double> keys) => Sort(keys, []);

    /// <summary>Sorts <paramref name="keys"/> ascending, moving <paramref name="items"/> (empty, or as long) along with them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sort(Span<double> keys, Span<bool> items)
    {
        var n = keys.Length;
        if (n < 2) return;
        var withItems = !items.IsEmpty;
        if (withItems && items.Length != n) throw new ArgumentException("The items must be as many as the keys.", nameof(items));
        // The thread's buffers, kept from sort to sort: the single-column screen sorts 200,000 numbers per column, and
        // fresh arrays that large would pile up on the large-object heap until a full collection.
        var buffers = t_buffers is { } kept && kept.Bits.Length >= n ? kept : t_buffers = new Buffers(n);
        var bits = buffers.Bits.AsSpan(0, n);
        var sortedBits = buffers.SortedBits.AsSpan(0, n);
        var carried = withItems ? buffers.Carried.AsSpan(0, n) : [];
        var sortedCarried = withItems ? buffers.SortedCarried.AsSpan(0, n) : [];
        for (var i = 0; i < n; i++) bits[i] = Key(keys[i]);
        if (withItems) items.CopyTo(carried);
        Span<int> start = stackalloc int[256];
        for (var shift = 0; shift < 64; shift += 8)
        {
            start.Clear();
            foreach (var key in bits) start[(int)(key >> shift) & 0xFF]++;
            if (start[(int)(bits[0] >> shift) & 0xFF] == n) continue; // every key has this byte: nothing to move
            var position = 0;
            for (var d = 0; d < 256; d++) (start[d], position) = (position, position + start[d]);
            for (var i = 0; i < n; i++)
            {
                var target = start[(int)(bits[i] >> shift) & 0xFF]++;
                sortedBits[target] = bits[i];
                if (withItems) sortedCarried[target] = carried[i];
            }
            var swapBits = bits;
            bits = sortedBits;
            sortedBits = swapBits;
            var swapCarried = carried;
            carried = sortedCarried;
            sortedCarried = swapCarried;
        }
        for (var i = 0; i < n; i++) keys[i] = Number(bits[i]);
        if (withItems) carried.CopyTo(items);
    }

    [ThreadStatic]
    private static Buffers? t_buffers;

    /// <summary>A thread's sort buffers: the keys' bits and the items, twice (each pass moves them from one to the other).</summary>
    private sealed class Buffers(int size)
    {
        public readonly ulong[] Bits = new ulong[size];
        public readonly ulong[] SortedBits = new ulong[size];
        public readonly bool[] Carried = new bool[size];
        public readonly bool[] SortedCarried = new bool[size];
    }

    // The number's bits, rearranged so that they order as the numbers do: negatives flipped, positives' sign set.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Key(double value)
    {
        if (double.IsNaN(value)) return 0;
        if (value == 0) value = 0; // −0 as 0
        var bits = BitConverter.DoubleToUInt64Bits(value);
        return (bits & SignBit) != 0 ? ~bits : bits | SignBit;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Number(ulong key) =>
        key == 0 ? double.NaN : BitConverter.UInt64BitsToDouble((key & SignBit) != 0 ? key & ~SignBit : ~key);
}
