using System.Buffers;
using System.Runtime.CompilerServices;

namespace Pipeline.Data.Sorting;

/// <summary>
/// Sorts numbers by a least-significant-digit radix sort on their bits, a byte at a time, skipping the bytes every
/// number shares (a float score widened to a double has four): linear in the count, and compiled fully optimised at
/// once, where the runtime's generic sort of doubles (with items) runs as unoptimised first-tier code for most of a run
/// that sorts a few dozen arrays once (a validation's leakage screens, a drift check's reference). Ascending, NaN
/// first (where <see cref="Array.Sort(Array)"/> puts it), −0 rewritten as 0; equal numbers keep their order.
/// </summary>
public static class RadixSort
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
        // Pooled buffers: a screen sorts 200,000 numbers per column, a drift check a million, and fresh arrays that
        // large would pile up on the large-object heap until a full collection.
        var bitsArray = ArrayPool<ulong>.Shared.Rent(n);
        var sortedBitsArray = ArrayPool<ulong>.Shared.Rent(n);
        var carriedArray = withItems ? ArrayPool<bool>.Shared.Rent(n) : [];
        var sortedCarriedArray = withItems ? ArrayPool<bool>.Shared.Rent(n) : [];
        try
        {
            var bits = bitsArray.AsSpan(0, n);
            var sortedBits = sortedBitsArray.AsSpan(0, n);
            var carried = withItems ? carriedArray.AsSpan(0, n) : [];
            var sortedCarried = withItems ? sortedCarriedArray.AsSpan(0, n) : [];
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
        finally
        {
            ArrayPool<ulong>.Shared.Return(bitsArray);
            ArrayPool<ulong>.Shared.Return(sortedBitsArray);
            if (withItems)
            {
                ArrayPool<bool>.Shared.Return(carriedArray);
                ArrayPool<bool>.Shared.Return(sortedCarriedArray);
            }
        }
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
