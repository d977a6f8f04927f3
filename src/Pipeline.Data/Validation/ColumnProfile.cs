using Pipeline.Data.Specs;
using System.Runtime.CompilerServices;

namespace Pipeline.Data.Validation;

/// <summary>
/// Streaming statistics of one column: count, range, mean and variance (Welford), category and boolean counts,
/// and label counts per value or bin for leakage detection — constant memory per column.
/// </summary>
internal sealed class ColumnProfile
{
    public const int Bins = 64;
    private const int DistinctLimit = 1000;

    // Numeric columns only: its table is 16 KB, and a parallel pass makes a profile of every column per chunk.
    private readonly DistinctNumbers _distinct;
    private long _moments; // values in the mean and variance (Valid, unless they are added apart: see DeferMoments)
    private double _mean;
    private double _m2;
    private readonly double _binLow, _binWidth; // BinRange's start and width (0: no bins), read per value

    public ColumnProfile(ColumnSpec spec, double[]? binRange)
    {
        Spec = spec;
        _distinct = new DistinctNumbers(spec.ValueType == ColumnValueType.Numeric ? DistinctLimit : 0);
        BinRange = binRange is { } r && r[1] > r[0] ? r : null;
        (_binLow, _binWidth) = BinRange is { } range ? (range[0], range[1] - range[0]) : (0, 0);
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

    /// <summary>
    /// Whether <see cref="AddNumber"/> leaves the mean and variance out: a chunk of a parallel pass counts and bins its
    /// values, and the merge adds them to the mean and variance in file order (<see cref="AddMoments"/>), so the
    /// figures are those of one sequential pass, to the last bit.
    /// </summary>
    public bool DeferMoments { get; init; }

    public ColumnSpec Spec { get; }
    public double[]? BinRange { get; }
    public long Valid { get; private set; }
    public double Min { get; private set; } = double.PositiveInfinity;
    public double Max { get; private set; } = double.NegativeInfinity;
    public double Mean => _mean;
    public double StandardDeviation => _moments > 1 ? Math.Sqrt(_m2 / (_moments - 1)) : 0;
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddNumber(double value, int label)
    {
        Valid++;
        if (value < Min) Min = value;
        if (value > Max) Max = value;
        if (!DeferMoments) AddMoments(value);
        _distinct.Add(value);
        if (_binWidth > 0)
        {
            var bin = (int)((value - _binLow) / _binWidth * Bins);
            Count(Math.Clamp(bin, 0, Bins - 1), label);
        }
    }

    /// <summary>
    /// Adds <paramref name="values"/> (all valid), each with its row's label in <paramref name="labels"/>: what
    /// <see cref="AddNumber"/> does per value, in one loop over a chunk's column with the running figures in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddNumbers(ReadOnlySpan<double> values, ReadOnlySpan<sbyte> labels)
    {
        double min = Min, max = Max;
        var (low, width, binned) = (_binLow, _binWidth, _binWidth > 0);
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (value < min) min = value;
            if (value > max) max = value;
            if (!DeferMoments) AddMoments(value);
            if (_distinct.Count < _distinct.Limit) _distinct.Add(value);
            if (binned) Count(Math.Clamp((int)((value - low) / width * Bins), 0, Bins - 1), labels[i]);
        }
        (Min, Max) = (min, max);
        Valid += values.Length;
    }

    /// <summary>Adds a value to the mean and variance (Welford's update).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddMoments(double value)
    {
        _moments++;
        var delta = value - _mean;
        _mean += delta / _moments;
        _m2 += delta * (value - _mean);
    }

    /// <summary>
    /// Adds the counts, range, distinct values and label counts of <paramref name="chunk"/> (a later part of the same
    /// file); not the mean and variance, which the merge adds value by value.
    /// </summary>
    public void MergeCounts(ColumnProfile chunk)
    {
        Valid += chunk.Valid;
        if (chunk.Min < Min) Min = chunk.Min;
        if (chunk.Max > Max) Max = chunk.Max;
        TrueCount += chunk.TrueCount;
        for (var i = 0; i < CategoryCounts.Length; i++) CategoryCounts[i] += chunk.CategoryCounts[i];
        for (var i = 0; i < PositivesByCell.Length; i++)
        {
            PositivesByCell[i] += chunk.PositivesByCell[i];
            NegativesByCell[i] += chunk.NegativesByCell[i];
        }
        // Distinct is min(limit, distinct values): the union of sets each capped at the limit gives the same figure.
        _distinct.AddAll(chunk._distinct);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddBoolean(bool value, int label)
    {
        Valid++;
        if (value) TrueCount++;
        Count(value ? 1 : 0, label);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddCategory(int index, int label)
    {
        Valid++;
        CategoryCounts[index]++;
        Count(index, label);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddText() => Valid++;

    // label: 1 positive, 0 negative, -1 unknown (the label cell itself is bad).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Count(int cell, int label)
    {
        if (label == 1) PositivesByCell[cell]++;
        else if (label == 0) NegativesByCell[cell]++;
    }
}
