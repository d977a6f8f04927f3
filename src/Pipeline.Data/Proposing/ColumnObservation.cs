using System.Globalization;

using Pipeline.Data.Loading;

namespace Pipeline.Data.Proposing;

/// <summary>
/// What one CSV column's cells looked like in the file a spec is proposed from: how many were empty, whether every
/// other cell was a number, an integer or boolean-like, and the distinct values (counted up to
/// <see cref="MaxTrackedValues"/>, beyond which the column is too varied to be a category).
/// </summary>
internal sealed class ColumnObservation
{
    /// <summary>Distinct values counted exactly; a column with more is neither categorical nor boolean.</summary>
    public const int MaxTrackedValues = 1000;

    private static readonly string[] BooleanValues = ["true", "false", "1", "0"];

    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _distinctBeyond = new(StringComparer.Ordinal);
    private double _previous = double.NegativeInfinity;

    public ColumnObservation(string name) => Name = name;

    /// <summary>The header name.</summary>
    public string Name { get; }

    /// <summary>Non-empty cells.</summary>
    public long Present { get; private set; }

    /// <summary>Missing cells (empty, <c>NA</c>, <c>null</c>, <c>?</c>, …).</summary>
    public long Empty { get; private set; }

    /// <summary>Whether every non-empty cell is a finite number (invariant culture).</summary>
    public bool AllNumeric { get; private set; } = true;

    /// <summary>Whether every non-empty cell is a whole number.</summary>
    public bool AllIntegers { get; private set; } = true;

    /// <summary>Whether some cell is a number written with a leading zero (e.g. <c>007</c>): a code, not a quantity.</summary>
    public bool HasLeadingZeros { get; private set; }

    /// <summary>Whether the numbers rise strictly from row to row (a counter such as a row number).</summary>
    public bool StrictlyIncreasing { get; private set; } = true;

    /// <summary>Whether every non-empty cell is one of 1/0/true/false in any case (what a boolean column accepts).</summary>
    public bool AllBooleanLike { get; private set; } = true;

    /// <summary>The smallest number seen (numeric columns).</summary>
    public double Min { get; private set; } = double.PositiveInfinity;

    /// <summary>The largest number seen (numeric columns).</summary>
    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>The mean number of words per cell, to tell free text from categories.</summary>
    public double MeanWords => Present == 0 ? 0 : (double)_words / Present;

    private long _words;

    /// <summary>Whether the distinct values were all counted (no more than <see cref="MaxTrackedValues"/>).</summary>
    public bool DistinctKnown => _distinctBeyond.Count == 0;

    /// <summary>The number of distinct non-empty values (exact; for columns with many values, counted in full).</summary>
    public long Distinct => _counts.Count + _distinctBeyond.Count;

    /// <summary>Each distinct value with its count, most frequent first (only when <see cref="DistinctKnown"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Values =>
        _counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();

    /// <summary>Whether every non-empty cell is different from every other.</summary>
    public bool AllUnique => Distinct == Present;

    public void Add(ReadOnlySpan<char> cell)
    {
        cell = cell.Trim();
        if (SpecTableReader.IsMissing(cell)) // the same tokens (empty, NA, null, ?, …) validation calls missing
        {
            Empty++;
            return;
        }
        Present++;
        var text = cell.ToString();
        if (_counts.TryGetValue(text, out var count)) _counts[text] = count + 1;
        else if (_counts.Count < MaxTrackedValues) _counts[text] = 1;
        else _distinctBeyond.Add(text); // kept exact so ids are recognised as unique in files of any size
        _words += cell.Count(' ') + 1;

        if (AllBooleanLike && !BooleanValues.Any(b => text.Equals(b, StringComparison.OrdinalIgnoreCase)))
            AllBooleanLike = false;
        if (!AllNumeric) return;
        if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            AllNumeric = false;
            AllIntegers = false;
            StrictlyIncreasing = false;
            return;
        }
        if (value != Math.Floor(value) || cell.Contains('.') || cell.Contains('e') || cell.Contains('E')) AllIntegers = false;
        if (cell.Length > 1 && cell[0] == '0' && char.IsDigit(cell[1])) HasLeadingZeros = true;
        if (value <= _previous) StrictlyIncreasing = false;
        _previous = value;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
    }
}
