using Pipeline.Data.Sorting;

namespace Pipeline.Data.Drift;

/// <summary>
/// A numeric sample in ascending order, element for element the array <see cref="Array.Sort(Array)"/> gives: by the
/// <see cref="RadixSort"/> (a few passes over the values instead of the twenty levels of a comparison sort) for a large
/// sample, by <see cref="Array.Sort(Array)"/> for a small one or one with a NaN or −0 (a comparison sort orders those
/// by comparison, −0 equal to 0 in either order, which a sort on bits cannot reproduce).
/// </summary>
public static class SortedValues
{
    /// <summary>Below this many values, <see cref="Array.Sort(Array)"/> is as fast.</summary>
    public const int RadixFrom = 4_096;

    /// <summary>A sorted copy of <paramref name="values"/>.</summary>
    public static double[] Of(double[] values)
    {
        var sorted = (double[])values.Clone();
        if (values.Length < RadixFrom || Array.Exists(values, v => double.IsNaN(v) || double.IsNegative(v) && v == 0)) Array.Sort(sorted);
        else RadixSort.Sort(sorted);
        return sorted;
    }
}
