using Pipeline.Data.Drift;
using Pipeline.Data.Features;
using Pipeline.Data.Specs;

namespace Pipeline.Monitoring;

/// <summary>
/// A reference sample prepared for repeated drift checks: each column's bins and the bin of every reference row, each
/// numeric column's empirical distribution (for Kolmogorov–Smirnov), and the PSI null distributions per (column,
/// current sample size), computed once and kept (the resampling is the expensive part, and a scheduled check or a
/// benchmark compares many batches of one size with one reference). It holds no rows' values, so it can be stored
/// with a trained model (<see cref="StoredDriftReference"/>) and a check need not read the reference data again.
/// </summary>
public sealed class DriftReference
{
    private readonly Dictionary<string, ReferenceBins> _bins;
    private readonly Dictionary<string, EmpiricalDistribution> _distributions;
    private readonly HashSet<string> _numeric;
    private readonly Dictionary<(string Column, int Rows), PsiNullDistribution> _nulls = new();
    private readonly object _gate = new();

    /// <summary>Prepares <paramref name="sample"/> (and the production model's scores on it, if any) under <paramref name="settings"/>.</summary>
    public DriftReference(FeatureSample sample, DriftSettings settings, float[]? scores = null)
    {
        Spec = sample.Spec;
        Description = sample.Description;
        RowCount = sample.RowCount;
        Columns = sample.Columns;
        Settings = settings;
        _numeric = sample.Columns.Where(sample.IsNumeric).ToHashSet(StringComparer.Ordinal);
        scores ??= sample.Scores;
        ScoreRows = scores?.Length;
        var columns = sample.Columns.ToList();
        if (scores is { Length: > 0 }) columns.Add(DriftDetector.ScoreColumn);
        // Each numeric column is counted by distinct value (or sorted once, when its values mostly differ), for its
        // quantile bins and its distribution function; the columns are independent, so they are prepared in parallel.
        var prepared = IndependentWork.Map(columns, column =>
        {
            if (column == DriftDetector.ScoreColumn || sample.IsNumeric(column))
            {
                var values = column == DriftDetector.ScoreColumn ? Array.ConvertAll(scores!, s => (double)s) : sample.Numeric(column);
                // Counted by distinct value where they repeat (one pass instead of a sort; the same bins and distribution).
                if (DistinctValues.TryCount(values, withRows: true) is { } distinct)
                    return (Bins: ReferenceBins.Numeric(distinct, settings.Bins), Distribution: distinct.ToDistribution());
                var sorted = SortedValues.Of(values);
                return (Bins: ReferenceBins.Numeric(values, sorted, settings.Bins), Distribution: EmpiricalDistribution.OfSorted(sorted));
            }
            return (Bins: ReferenceBins.Categorical(sample.Categories(column), DomainOrder(sample.Spec, column)), Distribution: (EmpiricalDistribution?)null);
        });
        _bins = new(StringComparer.Ordinal);
        _distributions = new(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            _bins[columns[i]] = prepared[i].Bins;
            if (prepared[i].Distribution is { } distribution) _distributions[columns[i]] = distribution;
        }
    }

    private DriftReference(DatasetSpec spec, string description, int rowCount, IReadOnlyList<string> columns, HashSet<string> numeric,
        int? scoreRows, DriftSettings settings, Dictionary<string, ReferenceBins> bins, Dictionary<string, EmpiricalDistribution> distributions)
    {
        Spec = spec;
        Description = description;
        RowCount = rowCount;
        Columns = columns;
        _numeric = numeric;
        ScoreRows = scoreRows;
        Settings = settings;
        _bins = bins;
        _distributions = distributions;
    }

    /// <summary>The spec of the reference rows.</summary>
    public DatasetSpec Spec { get; }

    /// <summary>Where the reference rows come from, for reports.</summary>
    public string Description { get; }

    /// <summary>The number of reference rows.</summary>
    public int RowCount { get; }

    /// <summary>The feature columns, in spec order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The settings the reference was prepared under.</summary>
    public DriftSettings Settings { get; }

    /// <summary>The number of production model scores on the reference rows, or null without them.</summary>
    public int? ScoreRows { get; }

    /// <summary>Whether feature <paramref name="column"/> is numeric (else categorical or boolean).</summary>
    public bool IsNumeric(string column) => _numeric.Contains(column);

    /// <summary>The bins of <paramref name="column"/> (a feature, or <see cref="DriftDetector.ScoreColumn"/>).</summary>
    public ReferenceBins BinsOf(string column) => _bins[column];

    /// <summary>The reference distribution of numeric <paramref name="column"/> (or of the scores).</summary>
    public EmpiricalDistribution DistributionOf(string column) => _distributions[column];

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

    /// <summary>
    /// What a drift check needs of this reference, to store with the trained model whose training split it is, with
    /// the model's scores on the held-out rows and their labels (for the performance estimate) and the reference's labels.
    /// </summary>
    /// <param name="dataHash">The content hash of the data the reference was split from (the model's lineage data hash).</param>
    /// <param name="heldOutScores">The model's scores on the held-out rows, or null without a model.</param>
    /// <param name="heldOutLabels">The held-out rows' labels, or null.</param>
    /// <param name="referenceLabels">The reference rows' labels.</param>
    public StoredDriftReference ToStored(string dataHash, float[]? heldOutScores, bool[]? heldOutLabels, bool[] referenceLabels) =>
        StoredDriftReference.Of(this, dataHash, heldOutScores, heldOutLabels, referenceLabels);

    /// <summary>A reference restored from its stored form, for <paramref name="spec"/> under <paramref name="settings"/>.</summary>
    internal static DriftReference Restore(StoredDriftReference stored, DatasetSpec spec, DriftSettings settings, bool withScores = true)
    {
        var kept = stored.Columns.Where(c => withScores || c.Name != DriftDetector.ScoreColumn).ToList();
        var columns = stored.Columns.Where(c => c.Name != DriftDetector.ScoreColumn).Select(c => c.Name).ToList();
        var bins = new Dictionary<string, ReferenceBins>(StringComparer.Ordinal);
        var distributions = new Dictionary<string, EmpiricalDistribution>(StringComparer.Ordinal);
        // The columns are independent: decoded in parallel.
        var restored = IndependentWork.Map(kept, column => (Bins: column.RestoreBins(), Distribution: column.RestoreDistribution()));
        for (var i = 0; i < kept.Count; i++)
        {
            bins[kept[i].Name] = restored[i].Bins;
            if (restored[i].Distribution is { } distribution) distributions[kept[i].Name] = distribution;
        }
        var numeric = kept.Where(c => c.Numeric && c.Name != DriftDetector.ScoreColumn).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var scoreRows = kept.Any(c => c.Name == DriftDetector.ScoreColumn) ? stored.Rows : (int?)null;
        return new DriftReference(spec, stored.Description, stored.Rows, columns, numeric, scoreRows, settings, bins, distributions);
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
