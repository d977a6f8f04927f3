using Pipeline.Data.Drift;
using Pipeline.Data.Features;
using Pipeline.Data.Specs;

namespace Pipeline.Monitoring;

/// <summary>
/// A reference sample prepared for repeated drift checks: each column's bins and the bin of every reference row,
/// and the PSI null distributions per (column, current sample size), computed once and kept (the resampling is the
/// expensive part, and a scheduled check or a benchmark compares many batches of one size with one reference).
/// </summary>
public sealed class DriftReference
{
    private readonly Dictionary<string, ReferenceBins> _bins = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double[]> _sorted = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Column, int Rows), PsiNullDistribution> _nulls = new();
    private readonly object _gate = new();

    /// <summary>Prepares <paramref name="sample"/> (and the production model's scores on it, if any) under <paramref name="settings"/>.</summary>
    public DriftReference(FeatureSample sample, DriftSettings settings, float[]? scores = null)
    {
        Sample = sample;
        Settings = settings;
        Scores = scores ?? sample.Scores;
        var columns = sample.Columns.ToList();
        if (Scores is not null && Scores.Length > 0) columns.Add(DriftDetector.ScoreColumn);
        // Each numeric column is sorted once, for its quantile bins and for every later Kolmogorov–Smirnov test;
        // the columns are independent, so they are prepared in parallel.
        var prepared = IndependentWork.Map(columns, column =>
        {
            if (column == DriftDetector.ScoreColumn || sample.IsNumeric(column))
            {
                var values = column == DriftDetector.ScoreColumn ? Array.ConvertAll(Scores!, s => (double)s) : sample.Numeric(column);
                var sorted = (double[])values.Clone();
                Array.Sort(sorted);
                return (Bins: ReferenceBins.Numeric(values, sorted, settings.Bins), Sorted: sorted);
            }
            return (Bins: ReferenceBins.Categorical(sample.Categories(column), DomainOrder(sample.Spec, column)), Sorted: (double[]?)null);
        });
        for (var i = 0; i < columns.Count; i++)
        {
            _bins[columns[i]] = prepared[i].Bins;
            if (prepared[i].Sorted is { } sorted) _sorted[columns[i]] = sorted;
        }
    }

    /// <summary>The reference rows.</summary>
    public FeatureSample Sample { get; }

    /// <summary>The settings the reference was prepared under.</summary>
    public DriftSettings Settings { get; }

    /// <summary>The production model's scores on the reference rows, or null.</summary>
    public float[]? Scores { get; }

    /// <summary>The bins of <paramref name="column"/> (a feature, or <see cref="DriftDetector.ScoreColumn"/>).</summary>
    public ReferenceBins BinsOf(string column) => _bins[column];

    /// <summary>The reference values of numeric <paramref name="column"/> (or the scores) in ascending order.</summary>
    public double[] SortedValues(string column) => _sorted[column];

    /// <summary>The PSI null distribution of <paramref name="column"/> for batches of <paramref name="rows"/> rows (cached).</summary>
    public PsiNullDistribution NullOf(string column, int rows)
    {
        lock (_gate)
        {
            if (_nulls.TryGetValue((column, rows), out var cached)) return cached;
        }
        var bins = _bins[column];
        // A seed per column, so the columns' resamples are not the same offsets.
        var distribution = PsiNullDistribution.For(bins.BinOfRow, bins.Labels.Count, rows, Settings.Resamples, StableSeed(Settings.Seed, column));
        lock (_gate) _nulls[(column, rows)] = distribution;
        return distribution;
    }

    // string.GetHashCode is randomised per process; FNV-1a keeps a check reproducible across runs.
    private static ulong StableSeed(ulong seed, string column)
    {
        var hash = 14695981039346656037UL ^ seed;
        foreach (var ch in column)
        {
            hash ^= ch;
            hash *= 1099511628211UL;
        }
        return hash;
    }

    internal static IReadOnlyList<string> DomainOrder(DatasetSpec spec, string column) =>
        spec.FindColumn(column) is { Role: ColumnRole.Boolean } ? ["false", "true"]
        : spec.FindColumn(column)?.Domain ?? [];
}
