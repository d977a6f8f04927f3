using Pipeline.Data.Randomness;
using Pipeline.Data.Specs;
using System.Runtime.CompilerServices;

namespace Pipeline.Data.Validation;

/// <summary>
/// How well each column alone predicts the label, as a ROC AUC, gathered during the profiling pass in bounded time
/// and memory: a numeric column by the rank AUC of its values, max(AUC, 1 − AUC), over a uniform sample of at most
/// <see cref="SampleSize"/> rows (reservoir sampling, fixed seed); a categorical or boolean column out of fold, each
/// row scored by its category's positive rate in the other <see cref="Folds"/> − 1 folds (rows dealt to folds in turn),
/// from counts over every row. Screened: every feature, and every numeric column that is neither an id nor the label
/// (e.g. a "difficulty" computed from the labels). It also keeps every feature's value in the first
/// <see cref="ModelSampleSize"/> slots of the same sample, for the <see cref="LeakageAgreementScreen"/>'s models.
/// </summary>
internal sealed class LeakageScreen
{
    public const int SampleSize = 200_000;
    public const int Folds = 5;

    /// <summary>How many of the sampled rows the <see cref="LeakageAgreementScreen"/> trains on (a uniform sample too).</summary>
    public const int ModelSampleSize = 10_000;
    private const double PriorWeight = 10;

    private readonly int[] _numericColumns; // per column: its position in a sampled row, or -1 when not sampled
    // The reservoir row by row: per slot the label (1 or 0), then each sampled column's value (NaN when invalid). A row
    // replaced by one further down the file is one write to one place, not one per column to arrays far apart.
    private double[] _sample;
    private readonly int _stride;
    private readonly long[][,,] _categoryCounts; // per column: [fold, category, label]
    private readonly double[][] _modelValues; // per feature: its value (a category's index) in the first ModelSampleSize slots
    private readonly Xoshiro256StarStar _random = new(20_201_130);
    private long _labelledRows;
    private int _slot = -1;
    private int _currentLabel = -1;
    private int _fold;

    public LeakageScreen(DatasetSpec spec)
    {
        Spec = spec;
        var columns = spec.Columns;
        var sampled = 0;
        _numericColumns = columns.Select(c => Screened(c) && c.ValueType == ColumnValueType.Numeric ? sampled++ : -1).ToArray();
        _stride = 1 + sampled;
        _sample = new double[1024 * _stride];
        _categoryCounts = columns.Select(c => Screened(c) && c.ValueType is ColumnValueType.Categorical or ColumnValueType.Boolean
            ? new long[Folds, c.ValueType == ColumnValueType.Boolean ? 2 : c.Domain!.Count, 2]
            : new long[0, 0, 0]).ToArray();
        _modelValues = columns.Select(c => c.IsFeature && c.ValueType is not ColumnValueType.Text ? new double[Math.Min(ModelSampleSize, 1024)] : []).ToArray();
    }

    public DatasetSpec Spec { get; }

    /// <summary>Whether the screen looks at a column: features, and numeric columns that are neither id nor label.</summary>
    public static bool Screened(ColumnSpec column) =>
        column.IsFeature || (column.ValueType == ColumnValueType.Numeric && column.Role is not (ColumnRole.Id or ColumnRole.Label));

    /// <summary>Starts a row whose label is <paramref name="label"/> (1, 0, or −1 when invalid: the row is skipped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void BeginRow(int label)
    {
        _slot = -1;
        _currentLabel = label;
        if (label < 0) return;
        _fold = (int)(_labelledRows % Folds);
        _labelledRows++;
        if (_labelledRows <= SampleSize) _slot = (int)(_labelledRows - 1);
        else
        {
            var j = (long)(_random.NextDouble() * _labelledRows);
            if (j < SampleSize) _slot = (int)j;
        }
        if (_slot < 0) return;
        var start = _slot * _stride;
        if (start >= _sample.Length) Array.Resize(ref _sample, Math.Min(SampleSize * _stride, _sample.Length * 2));
        _sample[start] = label;
        _sample.AsSpan(start + 1, _stride - 1).Fill(double.NaN); // until valid values arrive
        if (_slot < ModelSampleSize)
            for (var c = 0; c < _modelValues.Length; c++)
            {
                if (_modelValues[c].Length == 0) continue;
                if (_slot >= _modelValues[c].Length) Array.Resize(ref _modelValues[c], Math.Min(ModelSampleSize, _modelValues[c].Length * 2));
                _modelValues[c][_slot] = double.NaN;
            }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddNumber(int column, double value)
    {
        if (_slot < 0) return;
        if (_numericColumns[column] is var position and >= 0) _sample[_slot * _stride + 1 + position] = value;
        if (_slot < ModelSampleSize && _modelValues[column].Length > 0) _modelValues[column][_slot] = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddCategory(int column, int index)
    {
        if (_currentLabel >= 0 && _categoryCounts[column].Length > 0) _categoryCounts[column][_fold, index, _currentLabel]++;
        if (_slot >= 0 && _slot < ModelSampleSize && _modelValues[column].Length > 0) _modelValues[column][_slot] = index;
    }

    /// <summary>
    /// The sample for the <see cref="LeakageAgreementScreen"/>: per column its values (a category's index; NaN when
    /// invalid; empty for columns that are not features), and the rows' labels.
    /// </summary>
    public (IReadOnlyList<double[]> Values, bool[] Labels) ModelSample()
    {
        var rows = (int)Math.Min(_labelledRows, ModelSampleSize);
        var labels = new bool[rows];
        for (var i = 0; i < rows; i++) labels[i] = _sample[i * _stride] == 1;
        return (_modelValues.Select(v => v.Length == 0 ? v : v[..rows]).ToArray(), labels);
    }

    /// <summary>The ROC AUC of each screened column with enough data, by column name.</summary>
    public IReadOnlyDictionary<string, double> RocAucs()
    {
        var rows = (int)Math.Min(_labelledRows, SampleSize);
        // Columns in parallel: each numeric one sorts up to SampleSize values, independently of the others.
        var aucs = new double?[Spec.Columns.Count];
        Parallel.For(0, aucs.Length, c => aucs[c] = _numericColumns[c] >= 0 ? NumericAuc(_numericColumns[c], rows)
            : _categoryCounts[c].Length > 0 ? OutOfFoldAuc(_categoryCounts[c]) : null);
        var result = new Dictionary<string, double>();
        for (var c = 0; c < aucs.Length; c++)
            if (aucs[c] is { } value) result[Spec.Columns[c].Name] = value;
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double? NumericAuc(int position, int rows)
    {
        var keys = new double[rows];
        var positive = new bool[rows];
        var count = 0;
        for (var i = 0; i < rows; i++)
            if (_sample[i * _stride + 1 + position] is var value && !double.IsNaN(value))
            {
                keys[count] = value;
                positive[count++] = _sample[i * _stride] == 1;
            }
        if (LeakageRankAuc.Compute(keys, positive, count) is not { } auc) return null;
        return Math.Max(auc, 1 - auc);
    }

    private static double? OutOfFoldAuc(long[,,] counts)
    {
        int folds = counts.GetLength(0), categories = counts.GetLength(1);
        var groups = new List<(double Score, long Positives, long Negatives)>();
        long totalPositives = 0, totalNegatives = 0;
        for (var f = 0; f < folds; f++)
        {
            long otherPositives = 0, otherNegatives = 0;
            for (var g = 0; g < folds; g++)
                for (var k = 0; k < categories; k++)
                    if (g != f) { otherPositives += counts[g, k, 1]; otherNegatives += counts[g, k, 0]; }
            var prior = otherPositives + otherNegatives == 0 ? 0.5 : (double)otherPositives / (otherPositives + otherNegatives);
            for (var k = 0; k < categories; k++)
            {
                long p = 0, n = 0;
                for (var g = 0; g < folds; g++)
                    if (g != f) { p += counts[g, k, 1]; n += counts[g, k, 0]; }
                var score = (p + PriorWeight * prior) / (p + n + PriorWeight);
                groups.Add((score, counts[f, k, 1], counts[f, k, 0]));
                totalPositives += counts[f, k, 1];
                totalNegatives += counts[f, k, 0];
            }
        }
        if (totalPositives == 0 || totalNegatives == 0) return null;
        double below = 0, auc = 0;
        foreach (var tie in groups.GroupBy(g => g.Score).OrderBy(t => t.Key))
        {
            long p = tie.Sum(t => t.Positives), n = tie.Sum(t => t.Negatives);
            auc += p * (below + 0.5 * n);
            below += n;
        }
        return auc / ((double)totalPositives * totalNegatives);
    }
}
