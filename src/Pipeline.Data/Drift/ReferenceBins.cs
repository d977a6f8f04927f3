using System.Runtime.CompilerServices;
using System.Globalization;

namespace Pipeline.Data.Drift;

/// <summary>
/// The bins a reference sample defines for one column, with the bin of every reference row (in row order, for
/// resampling) and a way to count current values into the same bins. Numeric: quantile edges of the reference, so
/// each bin holds about 1/bins of it; duplicate edges (ties, discrete values) merge, and the first and last bins are
/// open-ended so current values outside the reference range still land in a bin; a constant reference gets the bins
/// below, at and above its value. Categorical: one bin per category in the spec's domain order, then others in order
/// of appearance; current categories the reference never had get extra bins (reference count 0).
/// </summary>
public sealed class ReferenceBins
{
    private readonly double[]? _edges;
    private readonly double? _constant;
    private readonly List<string> _labels;
    private readonly Dictionary<string, int>? _categoryIndex;

    private ReferenceBins(List<string> labels, int[] binOfRow, double[]? edges, double? constant, Dictionary<string, int>? categoryIndex)
    {
        _labels = labels;
        BinOfRow = binOfRow;
        _edges = edges;
        _constant = constant;
        _categoryIndex = categoryIndex;
        Counts = CountsOf(binOfRow, labels.Count);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long[] CountsOf(int[] binOfRow, int bins)
    {
        var counts = new long[bins];
        foreach (var bin in binOfRow) counts[bin]++;
        return counts;
    }

    /// <summary>The reference's bin labels.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>The bin of each reference row, in row order.</summary>
    public int[] BinOfRow { get; }

    /// <summary>The reference rows per bin.</summary>
    public long[] Counts { get; }

    /// <summary>Numeric bins' edges (bin k holds values with k edges ≤ them); null for categorical or constant bins.</summary>
    public IReadOnlyList<double>? Edges => _edges;

    /// <summary>The value of a constant numeric reference (bins below, at and above it); otherwise null.</summary>
    public double? Constant => _constant;

    /// <summary>Bins of a numeric reference sample.</summary>
    public static ReferenceBins Numeric(double[] reference, int bins)
    {
        if (reference.Length == 0) throw new ArgumentException("The reference needs at least one value.", nameof(reference));
        return Numeric(reference, SortedValues.Of(reference), bins);
    }

    /// <summary>Bins of a numeric reference sample whose values in ascending order (<paramref name="sorted"/>) the caller has already.</summary>
    public static ReferenceBins Numeric(double[] reference, double[] sorted, int bins)
    {
        if (reference.Length == 0) throw new ArgumentException("The reference needs at least one value.", nameof(reference));
        if (sorted.Length != reference.Length) throw new ArgumentException("The sorted values are not the reference's.", nameof(sorted));
        var edges = QuantileEdges(rank => sorted[rank], sorted.Length, bins);
        if (edges.Length == 0)
        {
            var value = sorted[0];
            return new ReferenceBins(ConstantLabels(value), Array.ConvertAll(reference, x => AroundConstant(x, value)), null, value, null);
        }
        return new ReferenceBins(EdgeLabels(edges), Array.ConvertAll(reference, x => BinOf(edges, x)), edges, null, null);
    }

    /// <summary>
    /// Bins of a numeric reference sample counted by its distinct values (<see cref="DistinctValues.TryCount"/> with
    /// the rows): the same bins as from the sorted sample, each row's bin looked up by its distinct value.
    /// </summary>
    /// <exception cref="ArgumentException">The distinct values were counted without each row's index.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ReferenceBins Numeric(DistinctValues distinct, int bins)
    {
        var indexOfRow = distinct.IndexOfRow ?? throw new ArgumentException("The distinct values need each row's index.", nameof(distinct));
        if (distinct.Count == 0) throw new ArgumentException("The reference needs at least one value.", nameof(distinct));
        var edges = QuantileEdges(distinct.ValueAtRank, distinct.Count, bins);
        var values = distinct.Values;
        var binOfValue = edges.Length == 0
            ? Array.ConvertAll(values, x => AroundConstant(x, values[0]))
            : Array.ConvertAll(values, x => BinOf(edges, x));
        var binOfRow = new int[indexOfRow.Length];
        for (var row = 0; row < binOfRow.Length; row++) binOfRow[row] = binOfValue[indexOfRow[row]];
        return edges.Length == 0
            ? new ReferenceBins(ConstantLabels(values[0]), binOfRow, null, values[0], null)
            : new ReferenceBins(EdgeLabels(edges), binOfRow, edges, null, null);
    }

    private static List<string> ConstantLabels(double value)
    {
        var text = Format(value);
        return ["< " + text, "= " + text, "> " + text];
    }

    private static List<string> EdgeLabels(double[] edges)
    {
        var labels = new List<string>(edges.Length + 1) { "< " + Format(edges[0]) };
        for (var k = 1; k < edges.Length; k++)
            labels.Add($"[{Format(edges[k - 1])}, {Format(edges[k])})");
        labels.Add("≥ " + Format(edges[^1]));
        return labels;
    }

    /// <summary>Bins of a categorical reference sample, in <paramref name="domainOrder"/> first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ReferenceBins Categorical(string[] reference, IReadOnlyList<string> domainOrder)
    {
        // Each row's category as its index in order of first appearance, one lookup per run of the same string
        // instance (a loaded column repeats its domain's instances).
        var firstSeen = new Dictionary<string, int>();
        var inAppearanceOrder = new List<string>();
        var appearanceOfRow = new int[reference.Length];
        object last = firstSeen;  // no category is this object
        var lastAppearance = -1;
        for (var row = 0; row < reference.Length; row++)
        {
            var value = reference[row];
            if (!ReferenceEquals(value, last))
            {
                if (!firstSeen.TryGetValue(value, out lastAppearance))
                {
                    lastAppearance = inAppearanceOrder.Count;
                    firstSeen.Add(value, lastAppearance);
                    inAppearanceOrder.Add(value);
                }
                last = value;
            }
            appearanceOfRow[row] = lastAppearance;
        }
        var labels = domainOrder.Where(firstSeen.ContainsKey).Concat(inAppearanceOrder).Distinct().ToList();
        var index = labels.Select((category, i) => (category, i)).ToDictionary(p => p.category, p => p.i);
        var binOfAppearance = inAppearanceOrder.Select(category => index[category]).ToArray();
        var binOfRow = new int[reference.Length];
        for (var row = 0; row < binOfRow.Length; row++) binOfRow[row] = binOfAppearance[appearanceOfRow[row]];
        return new ReferenceBins(labels, binOfRow, null, null, index);
    }

    /// <summary>Whether the bins are a categorical column's (one per category), not a numeric one's.</summary>
    public bool IsCategorical => _categoryIndex is not null;

    /// <summary>
    /// Bins kept from an earlier <see cref="Numeric(double[], double[], int)"/> or <see cref="Categorical"/> (stored with a
    /// trained model): the same labels, row bins, and edges or constant, so counts into them are the same.
    /// </summary>
    /// <exception cref="ArgumentException">A row's bin is outside the labels, or a numeric column has neither edges nor a constant (or both).</exception>
    public static ReferenceBins Restore(IReadOnlyList<string> labels, int[] binOfRow, double[]? edges, double? constant, bool categorical)
    {
        foreach (var bin in binOfRow)
            if ((uint)bin >= (uint)labels.Count)
                throw new ArgumentException($"A row's bin {bin} is outside the {labels.Count} bins.", nameof(binOfRow));
        if (categorical)
            return new ReferenceBins(labels.ToList(), binOfRow, null, null, labels.Select((category, i) => (category, i)).ToDictionary(p => p.category, p => p.i));
        if ((edges is null) == (constant is null))
            throw new ArgumentException("Numeric bins have either edges or a constant value.", nameof(edges));
        return new ReferenceBins(labels.ToList(), binOfRow, edges, constant, null);
    }

    /// <summary>The reference and <paramref name="current"/> counted into these bins (numeric columns).</summary>
    public BinnedCounts Count(double[] current)
    {
        if (_categoryIndex is not null) throw new InvalidOperationException("These bins are categorical.");
        var counts = new long[_labels.Count];
        foreach (var x in current) counts[_edges is null ? AroundConstant(x, _constant!.Value) : BinOf(_edges, x)]++;
        return new BinnedCounts(_labels, (long[])Counts.Clone(), counts);
    }

    /// <summary>
    /// The reference and the current values counted into these bins (numeric columns), from the current values' distinct
    /// values: the same counts as <see cref="Count(double[])"/>, one bin lookup per distinct value.
    /// </summary>
    public BinnedCounts Count(DistinctValues current)
    {
        if (_categoryIndex is not null) throw new InvalidOperationException("These bins are categorical.");
        var counts = new long[_labels.Count];
        var values = current.Values;
        var cumulative = current.CumulativeCounts;
        for (var k = 0; k < values.Length; k++)
            counts[_edges is null ? AroundConstant(values[k], _constant!.Value) : BinOf(_edges, values[k])] += cumulative[k] - (k == 0 ? 0 : cumulative[k - 1]);
        return new BinnedCounts(_labels, (long[])Counts.Clone(), counts);
    }

    /// <summary>The reference and <paramref name="current"/> counted into these bins (categorical columns).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public BinnedCounts Count(string[] current)
    {
        if (_categoryIndex is null) throw new InvalidOperationException("These bins are numeric.");
        var labels = new List<string>(_labels);
        var index = new Dictionary<string, int>(_categoryIndex);
        var counts = new List<long>(new long[labels.Count]);
        // One lookup per run of the same string instance, as in Categorical.
        object last = index;
        var bin = -1;
        foreach (var value in current)
        {
            if (!ReferenceEquals(value, last))
            {
                if (!index.TryGetValue(value, out bin))
                {
                    bin = index[value] = labels.Count;
                    labels.Add(value);
                    counts.Add(0);
                }
                last = value;
            }
            counts[bin]++;
        }
        var reference = new long[labels.Count];
        Array.Copy(Counts, reference, Counts.Length);
        return new BinnedCounts(labels, reference, counts.ToArray());
    }

    // Edges at the reference's k/bins quantiles (k = 1 … bins − 1), each a reference value. Bins are [e_k, e_k+1),
    // so an edge equal to the minimum would make an empty first bin: such edges and duplicates are dropped.
    private static double[] QuantileEdges(Func<int, double> valueAtRank, int length, int bins)
    {
        var edges = new List<double>(bins - 1);
        var minimum = valueAtRank(0);
        for (var k = 1; k < bins; k++)
        {
            var edge = valueAtRank((int)((long)k * length / bins));
            if (edge > minimum && (edges.Count == 0 || edge > edges[^1]))
                edges.Add(edge);
        }
        return edges.ToArray();
    }

    // The bin of x is the number of edges ≤ x (none for a NaN); the edges ascend, so for the usual ten bins they are
    // simply counted, without branches to mispredict.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int BinOf(double[] edges, double x)
    {
        if (edges.Length > 16)
        {
            var position = Array.BinarySearch(edges, x);
            return position >= 0 ? position + 1 : ~position;
        }
        var bin = 0;
        foreach (var edge in edges) bin += edge <= x ? 1 : 0;
        return bin;
    }

    private static int AroundConstant(double x, double value) => x < value ? 0 : x == value ? 1 : 2;

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
