using System.Runtime.CompilerServices;

namespace Pipeline.Data.Drift;

/// <summary>
/// A numeric sample in ascending order, for the samples whose values mostly differ (a model's scores): a least
/// significant digit radix sort on the values' bits, byte by byte, skipping the bytes all values share (a float score
/// widened to a double has four such bytes). Five or six passes over the values instead of the twenty levels of a
/// comparison sort; the result is the array <see cref="Array.Sort(Array)"/> gives, element for element.
/// </summary>
public static class SortedValues
{
    /// <summary>Below this many values, <see cref="Array.Sort(Array)"/> is as fast.</summary>
    public const int RadixFrom = 4_096;

    /// <summary>A sorted copy of <paramref name="values"/>.</summary>
    public static double[] Of(double[] values)
    {
        var sorted = (double[])values.Clone();
        if (values.Length < RadixFrom || !RadixSort(sorted)) Array.Sort(sorted);
        return sorted;
    }

    // Sorts in place by the values' bits mapped to unsigned keys that order as the values (negative values' bits
    // inverted, positive values' sign bit set). False, with the array untouched, when a NaN or −0 is among them: a
    // comparison sort orders those by comparison (−0 equals 0, in either order), which bits cannot reproduce.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool RadixSort(double[] values)
    {
        var n = values.Length;
        var keys = new ulong[n];
        for (var i = 0; i < n; i++)
        {
            var bits = (ulong)BitConverter.DoubleToInt64Bits(values[i]);
            if ((bits & 0x7FFF_FFFF_FFFF_FFFFUL) > 0x7FF0_0000_0000_0000UL || bits == 0x8000_0000_0000_0000UL) return false;
            keys[i] = (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
        }
        // One histogram per byte, from one pass over the keys.
        var counts = new int[8 * 256];
        foreach (var key in keys)
            for (var b = 0; b < 8; b++)
                counts[b * 256 + (int)((key >> (8 * b)) & 0xFF)]++;
        var buffer = new ulong[n];
        var offsets = new int[256];
        for (var b = 0; b < 8; b++)
        {
            // A byte every key shares orders nothing: skip its pass.
            var histogram = counts.AsSpan(b * 256, 256);
            if (histogram[(int)((keys[0] >> (8 * b)) & 0xFF)] == n) continue;
            var sum = 0;
            for (var d = 0; d < 256; d++)
            {
                offsets[d] = sum;
                sum += histogram[d];
            }
            var shift = 8 * b;
            foreach (var key in keys) buffer[offsets[(int)((key >> shift) & 0xFF)]++] = key;
            (keys, buffer) = (buffer, keys);
        }
        for (var i = 0; i < n; i++)
        {
            var key = keys[i];
            values[i] = BitConverter.Int64BitsToDouble((long)((key & 0x8000_0000_0000_0000UL) != 0 ? key & 0x7FFF_FFFF_FFFF_FFFFUL : ~key));
        }
        return true;
    }
}
