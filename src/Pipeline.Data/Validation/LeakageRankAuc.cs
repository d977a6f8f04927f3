using System.Runtime.CompilerServices;
using Pipeline.Data.Sorting;

namespace Pipeline.Data.Validation;

/// <summary>The ROC AUC of scores against a binary outcome by ranks (Mann–Whitney), ties sharing their average rank.</summary>
internal static class LeakageRankAuc
{
    /// <summary>
    /// The AUC of the first <paramref name="count"/> <paramref name="keys"/> (sorted in place, with
    /// <paramref name="positive"/>), or null when either class is absent.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once per column and validation: no time for tiering
    public static double? Compute(double[] keys, bool[] positive, int count)
    {
        // Two parallel arrays sorted by value (the order within ties does not change the ranks' sums).
        RadixSort.Sort(keys.AsSpan(0, count), positive.AsSpan(0, count));
        long positives = positive.AsSpan(0, count).Count(true), negatives = count - positives;
        if (positives == 0 || negatives == 0) return null;
        double rankSum = 0;
        for (var i = 0; i < count;)
        {
            var j = i;
            while (j < count && keys[j] == keys[i]) j++;
            var averageRank = (i + 1 + j) / 2.0; // ranks i+1..j share their average
            for (var k = i; k < j; k++)
                if (positive[k]) rankSum += averageRank;
            i = j;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
