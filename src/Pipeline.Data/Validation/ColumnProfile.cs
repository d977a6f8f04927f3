using Pipeline.Data.Specs;

namespace Pipeline.Data.Validation;

/// <summary>
/// Streaming statistics of one column: count, range, mean and variance (Welford), category and boolean counts,
/// and label counts per value or bin for leakage detection — constant memory per column.
/// </summary>
internal sealed class ColumnProfile
{
    public const int Bins = 64;
    private const int DistinctLimit = 1000;

    private readonly HashSet<double> _distinct = [];
    private double _mean;
    private double _m2;

    public ColumnProfile(ColumnSpec spec, double[]? binRange)
    {
        Spec = spec;
        BinRange = binRange is { } r && r[1] > r[0] ? r : null;
        var cells = spec.ValueType switch
        {
            ColumnValueType.Numeric => BinRange is null ? 0 : Bins,
            ColumnValueType.Boolean => 2,
            ColumnValueType.Categorical => spec.Domain!.Count,
            _ => 0,
        };
        PositivesByCell = new long[cells];
        NegativesByCell = new long[cells];
        CategoryCounts = new long[spec.ValueType == ColumnValueType.Categorical ? spec.Domain!.Count : 0];
    }

    public ColumnSpec Spec { get; }
    public double[]? BinRange { get; }
    public long Valid { get; private set; }
    public double Min { get; private set; } = double.PositiveInfinity;
    public double Max { get; private set; } = double.NegativeInfinity;
    public double Mean => _mean;
    public double StandardDeviation => Valid > 1 ? Math.Sqrt(_m2 / (Valid - 1)) : 0;
    public long TrueCount { get; private set; }
    public long[] CategoryCounts { get; }

    /// <summary>Distinct numeric values seen, capped at <see cref="DistinctLimit"/>.</summary>
    public long Distinct => Spec.ValueType switch
    {
        ColumnValueType.Numeric => _distinct.Count,
        ColumnValueType.Boolean => (TrueCount > 0 ? 1 : 0) + (Valid - TrueCount > 0 ? 1 : 0),
        ColumnValueType.Categorical => CategoryCounts.Count(c => c > 0),
        _ => 0,
    };

    /// <summary>Label counts per cell (numeric bin, boolean value, or category) for rows whose label is valid.</summary>
    public long[] PositivesByCell { get; }

    public long[] NegativesByCell { get; }

    public void AddNumber(double value, int label)
    {
        Valid++;
        if (value < Min) Min = value;
        if (value > Max) Max = value;
        var delta = value - _mean;
        _mean += delta / Valid;
        _m2 += delta * (value - _mean);
        if (_distinct.Count < DistinctLimit) _distinct.Add(value);
        if (BinRange is { } r)
        {
            var bin = (int)((value - r[0]) / (r[1] - r[0]) * Bins);
            Count(Math.Clamp(bin, 0, Bins - 1), label);
        }
    }

    public void AddBoolean(bool value, int label)
    {
        Valid++;
        if (value) TrueCount++;
        Count(value ? 1 : 0, label);
    }

    public void AddCategory(int index, int label)
    {
        Valid++;
        CategoryCounts[index]++;
        Count(index, label);
    }

    public void AddText() => Valid++;

    // label: 1 positive, 0 negative, -1 unknown (the label cell itself is bad).
    private void Count(int cell, int label)
    {
        if (label == 1) PositivesByCell[cell]++;
        else if (label == 0) NegativesByCell[cell]++;
    }
}
