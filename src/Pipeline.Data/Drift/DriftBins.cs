using System.Globalization;

namespace Pipeline.Data.Drift;

/// <summary>Both samples counted into the same bins, with a label per bin.</summary>
public sealed record BinnedCounts(IReadOnlyList<string> Labels, long[] Reference, long[] Current);

/// <summary>
/// The bins PSI compares. Numeric: quantile edges of the reference, so each bin holds about 1/bins of it; duplicate
/// edges (ties, discrete values) merge, and the first and last bins are open-ended so current values outside the
/// reference range still land in a bin. Categorical: one bin per category seen in either sample, in the spec's
/// domain order, then any others in order of appearance.
/// </summary>
public static class DriftBins
{
    /// <summary>Counts numeric samples into <paramref name="bins"/> reference-quantile bins.</summary>
    public static BinnedCounts Numeric(double[] reference, double[] current, int bins)
    {
        var sorted = (double[])reference.Clone();
        Array.Sort(sorted);
        var edges = QuantileEdges(sorted, bins);
        if (edges.Count == 0)
            return ConstantReference(sorted[0], reference, current);
        var labels = new List<string>(edges.Count + 1) { "< " + Format(edges[0]) };
        for (var k = 1; k < edges.Count; k++)
            labels.Add($"[{Format(edges[k - 1])}, {Format(edges[k])})");
        labels.Add("≥ " + Format(edges[^1]));
        return new BinnedCounts(labels, Count(reference, edges), Count(current, edges));
    }

    /// <summary>Counts categorical samples per category.</summary>
    public static BinnedCounts Categorical(string[] reference, string[] current, IReadOnlyList<string> domainOrder)
    {
        var seen = new HashSet<string>(reference);
        seen.UnionWith(current);
        var order = domainOrder.Where(seen.Contains).Concat(reference).Concat(current).Distinct().ToList();
        var index = order.Select((category, i) => (category, i)).ToDictionary(p => p.category, p => p.i);
        var referenceCounts = new long[order.Count];
        var currentCounts = new long[order.Count];
        foreach (var value in reference) referenceCounts[index[value]]++;
        foreach (var value in current) currentCounts[index[value]]++;
        return new BinnedCounts(order, referenceCounts, currentCounts);
    }

    // Edges at the reference's k/bins quantiles (k = 1 … bins − 1), each a reference value. Bins are [e_k, e_k+1),
    // so an edge equal to the minimum would make an empty first bin: such edges and duplicates are dropped.
    private static List<double> QuantileEdges(double[] sorted, int bins)
    {
        var edges = new List<double>(bins - 1);
        for (var k = 1; k < bins; k++)
        {
            var edge = sorted[(int)((long)k * sorted.Length / bins)];
            if (edge > sorted[0] && (edges.Count == 0 || edge > edges[^1]))
                edges.Add(edge);
        }
        return edges;
    }

    // A constant reference (a stuck sensor at training time) has no quantiles to split at: compare below, at and
    // above its value, so any movement of the current values shows.
    private static BinnedCounts ConstantReference(double value, double[] reference, double[] current)
    {
        long[] CountAround(double[] values)
        {
            var counts = new long[3];
            foreach (var x in values) counts[x < value ? 0 : x == value ? 1 : 2]++;
            return counts;
        }
        var text = Format(value);
        return new BinnedCounts(["< " + text, "= " + text, "> " + text], CountAround(reference), CountAround(current));
    }

    private static long[] Count(double[] values, List<double> edges)
    {
        var counts = new long[edges.Count + 1];
        var array = edges.ToArray();
        foreach (var x in values)
        {
            // The bin of x is the number of edges ≤ x.
            var position = Array.BinarySearch(array, x);
            counts[position >= 0 ? position + 1 : ~position]++;
        }
        return counts;
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
