using System.Globalization;
using Pipeline.Data.Csv;
using Pipeline.Data.Specs;
using Pipeline.Data.Text;
using System.Runtime.CompilerServices;

namespace Pipeline.Data.Loading;

/// <summary>
/// Reads a CSV source row by row against a spec: matches the spec's columns to the header by name, checks the
/// header, and parses cells into typed values with a <see cref="CellStatus"/>, so the loader (which stops at the
/// first problem) and the validator (which counts every problem) share one notion of a valid cell.
/// </summary>
internal sealed class SpecTableReader : IDisposable
{
    private static readonly string[] MissingTokens = ["", "NA", "N/A", "null", "NULL", "None", "?"];
    private static readonly int MissingTokenLength = MissingTokens.Max(t => t.Length);

    private readonly CsvRecordReader _csv;
    private readonly List<string> _header;
    private readonly int[] _fieldOf;
    private readonly TextIndex[] _domains;
    private readonly ColumnSpec[] _columns; // the spec's columns as an array: read per cell, where a list interface costs a dispatch
    private readonly double[] _minimums, _maximums; // the spec's hard ranges, infinite where it sets none: no nullable per cell
    private readonly LabelMapping _labelMapping;
    // A label column holds few distinct values: each one's verdict is worked out once (the mapping's case-insensitive
    // comparisons cost more than the lookup) and kept, up to a bound.
    private const int LabelVerdictsKept = 256;
    private readonly TextIndex _labelValues = new();
    private readonly List<(CellStatus Status, bool Positive)> _labelVerdicts = [];

    public SpecTableReader(DatasetSpec spec, TextReader reader, string sourceName)
    {
        Spec = spec;
        SourceName = sourceName;
        _labelMapping = spec.LabelMapping;
        _csv = new CsvRecordReader(reader, sourceName);
        _header = ReadHeader();
        _fieldOf = MatchColumns(out var extra);
        ExtraColumns = extra;
        _domains = spec.Columns.Select(c => new TextIndex(c.Domain ?? [])).ToArray();
        _columns = spec.Columns.ToArray();
        _minimums = _columns.Select(c => c.Min ?? double.NegativeInfinity).ToArray();
        _maximums = _columns.Select(c => c.Max ?? double.PositiveInfinity).ToArray();
    }

    /// <summary>
    /// A reader of a stretch of the same file, decoded into <paramref name="text"/>, that starts on line
    /// <paramref name="firstLine"/> after the header that <paramref name="header"/> read (a chunk read in parallel):
    /// the same columns, no header line of its own.
    /// </summary>
    public SpecTableReader(SpecTableReader header, char[] text, int length, long firstLine)
    {
        Spec = header.Spec;
        SourceName = header.SourceName;
        _labelMapping = header._labelMapping;
        _csv = new CsvRecordReader(text, length, SourceName, firstLine);
        _header = header._header;
        _fieldOf = header._fieldOf;
        ExtraColumns = header.ExtraColumns;
        _domains = header._domains; // read only: shared by the chunks' threads
        _columns = header._columns;
        (_minimums, _maximums) = (header._minimums, header._maximums);
    }

    public DatasetSpec Spec { get; }
    public string SourceName { get; }
    public IReadOnlyList<string> Header => _header;
    public IReadOnlyList<string> ExtraColumns { get; }

    /// <summary>The 1-based line the current row starts on.</summary>
    public long Line => _csv.RecordLine;

    /// <summary>The number of data rows read so far.</summary>
    public long RowsRead { get; private set; }

    /// <summary>Whether the current row has as many fields as the header.</summary>
    public bool RowHasHeaderWidth
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _csv.FieldCount == _header.Count;
    }

    /// <summary>Reads the next data row; false at the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadRow()
    {
        if (!_csv.ReadRecord()) return false;
        RowsRead++;
        return true;
    }

    /// <summary>The sentence describing a row whose field count differs from the header's.</summary>
    public DataException RaggedRowError()
    {
        var truncated = _csv.LastRecordUnterminated && _csv.FieldCount < Header.Count
            ? " It is the last line and has no line break, so the file looks truncated."
            : "";
        var column = _csv.FieldCount < Header.Count ? Header[_csv.FieldCount] : $"field {_csv.FieldCount}";
        return new DataException(
            $"{SourceName}, line {Line}, column '{column}': the row has {_csv.FieldCount} fields but the header has {Header.Count}; every row needs one value per header column (quote values that contain commas).{truncated}",
            SourceName, Line, column);
    }

    /// <summary>The sentence for a file with a header and no data rows.</summary>
    public DataException NoDataRowsError() => new(
        $"{SourceName}, line 2, column '{Spec.Columns[0].Name}': the file has a header but no data rows; expected at least one row of {Spec.Columns.Count} values.",
        SourceName, 2, Spec.Columns[0].Name);

    /// <summary>The number of fields the header has, which every row needs.</summary>
    public int HeaderWidth => _header.Count;

    /// <summary>The field (0-based position in a row) that holds spec column <paramref name="column"/>.</summary>
    public int FieldOf(int column) => _fieldOf[column];

    /// <summary>The raw text of spec column <paramref name="column"/> in the current row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<char> Cell(int column)
    {
        var field = _fieldOf[column];
        return field < _csv.FieldCount ? _csv.Field(field) : default;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsMissing(ReadOnlySpan<char> cell)
    {
        var trimmed = cell.Trim();
        if (trimmed.IsEmpty) return true;
        if (trimmed.Length > MissingTokenLength) return false; // most cells: longer than any token
        foreach (var token in MissingTokens)
            if (trimmed.SequenceEqual(token)) return true;
        return false;
    }

    /// <summary>Whether the last <see cref="ParseNumber(int, out double)"/> read a plain decimal (digits, a point, a leading minus: no spaces around it).</summary>
    public bool NumberWasPlain { get; private set; }

    /// <summary>Parses a numeric cell and checks it against the spec's hard range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CellStatus ParseNumber(int column, out double value)
    {
        var status = ParseNumber(column, Cell(column), out value, out var plain);
        NumberWasPlain = plain;
        return status;
    }

    /// <summary>
    /// As <see cref="ParseNumber(int, out double)"/>, for <paramref name="cell"/> of spec column <paramref name="column"/>;
    /// <paramref name="plain"/> as <see cref="NumberWasPlain"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public CellStatus ParseNumber(int column, ReadOnlySpan<char> cell, out double value, out bool plain)
    {
        plain = PlainDecimal.TryParse(cell, out value);
        if (!plain && !double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            return IsMissing(cell) ? CellStatus.Missing : CellStatus.NotANumber;
        if (!double.IsFinite(value)) return CellStatus.NotFinite;
        return CheckRange(column, value);
    }

    /// <summary>Checks a number against spec column <paramref name="column"/>'s hard range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public CellStatus CheckRange(int column, double value)
    {
        if (value < _minimums[column]) return CellStatus.BelowMinimum;
        if (value > _maximums[column]) return CellStatus.AboveMaximum;
        return CellStatus.Ok;
    }

    /// <summary>Parses a boolean cell (1/0/true/false in any case), or the label by the spec's <see cref="LabelMapping"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public CellStatus ParseBoolean(int column, out bool value) => ParseBoolean(column, Cell(column), out value);

    /// <summary>As <see cref="ParseBoolean(int, out bool)"/>, for <paramref name="cell"/> of spec column <paramref name="column"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CellStatus ParseBoolean(int column, ReadOnlySpan<char> cell, out bool value)
    {
        if (cell.Length == 1 && _columns[column].Role != ColumnRole.Label && cell[0] is '0' or '1')
        {
            value = cell[0] == '1';
            return CellStatus.Ok;
        }
        cell = cell.Trim();
        if (_columns[column].Role == ColumnRole.Label)
        {
            if (_labelValues.IndexOf(cell) is var seen and >= 0)
            {
                (var status, value) = _labelVerdicts[seen];
                return status;
            }
            value = _labelMapping.IsPositive(cell);
            var verdict = IsMissing(cell) ? CellStatus.Missing : _labelMapping.IsKnown(cell) ? CellStatus.Ok : CellStatus.UnseenCategory;
            if (_labelValues.Count < LabelVerdictsKept)
            {
                _labelValues.Add(cell.ToString());
                _labelVerdicts.Add((verdict, value));
            }
            return verdict;
        }
        if (cell.SequenceEqual("1") || cell.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return CellStatus.Ok;
        }
        value = false;
        if (cell.SequenceEqual("0") || cell.Equals("false", StringComparison.OrdinalIgnoreCase))
            return CellStatus.Ok;
        return IsMissing(cell) ? CellStatus.Missing : CellStatus.NotBoolean;
    }

    /// <summary>Checks a categorical cell against the spec's domain; <paramref name="index"/> is its position there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public CellStatus ParseCategory(int column, out int index) => ParseCategory(column, Cell(column), out index);

    /// <summary>As <see cref="ParseCategory(int, out int)"/>, for <paramref name="cell"/> of spec column <paramref name="column"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public CellStatus ParseCategory(int column, ReadOnlySpan<char> cell, out int index)
    {
        index = _domains[column].IndexOf(cell);
        if (index >= 0) return CellStatus.Ok;
        return IsMissing(cell) ? CellStatus.Missing : CellStatus.UnseenCategory;
    }

    /// <summary>Checks a text cell: only missing or present.</summary>
    public CellStatus ParseText(int column) => IsMissing(Cell(column)) ? CellStatus.Missing : CellStatus.Ok;

    /// <summary>What was expected of a cell, and what was found, as one sentence.</summary>
    public string Describe(int column, CellStatus status)
    {
        var spec = Spec.Columns[column];
        var found = Quote(Cell(column));
        var expected = status switch
        {
            CellStatus.Missing => $"a value is missing (found {found}); expected {Expectation(spec)}",
            CellStatus.NotANumber => $"expected a number (like 42.5, with '.' as the decimal point) but found {found}",
            CellStatus.NotFinite => $"expected a finite number but found {found} (NaN and infinities are not allowed)",
            CellStatus.BelowMinimum => $"the value {found} is below the smallest possible value {Format(spec.Min)} declared in the spec",
            CellStatus.AboveMaximum => $"the value {found} is above the largest possible value {Format(spec.Max)} declared in the spec",
            CellStatus.NotBoolean => $"expected a boolean (1/0 or true/false) but found {found}",
            CellStatus.UnseenCategory => $"found {found}, which is not one of the allowed values [{string.Join(", ", spec.Domain ?? [])}]",
            _ => "the value is valid",
        };
        return $"{SourceName}, line {Line}, column '{spec.Name}': {expected}.";
    }

    /// <summary>A <see cref="DataException"/> for a bad cell in the current row.</summary>
    public DataException CellError(int column, CellStatus status) =>
        new(Describe(column, status), SourceName, Line, Spec.Columns[column].Name);

    private static string Expectation(ColumnSpec spec) => spec.ValueType switch
    {
        ColumnValueType.Numeric => "a number",
        ColumnValueType.Boolean => spec.Role == ColumnRole.Label && spec.Domain is { } d ? $"one of [{string.Join(", ", d)}]" : "1/0 or true/false",
        ColumnValueType.Categorical => $"one of [{string.Join(", ", spec.Domain ?? [])}]",
        _ => "a non-empty value",
    };

    private static string Format(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Quote(ReadOnlySpan<char> cell)
    {
        var text = cell.Length > 40 ? string.Concat(cell[..40], "…") : cell.ToString();
        return "'" + text + "'";
    }

    private List<string> ReadHeader()
    {
        var expected = string.Join(", ", Spec.Columns.Select(c => c.Name));
        if (!_csv.ReadRecord())
            throw new DataException(
                $"{SourceName}, line 1, column '{Spec.Columns[0].Name}': the file is empty; expected a header line with the columns {expected}.",
                SourceName, 1, Spec.Columns[0].Name);
        var header = new List<string>(_csv.FieldCount);
        for (var i = 0; i < _csv.FieldCount; i++)
            header.Add(_csv.Field(i).ToString());
        if (header.Count == 1 && Spec.Columns.Count > 1)
        {
            foreach (var delimiter in new[] { ';', '\t', '|' })
                if (header[0].Contains(delimiter))
                    throw new DataException(
                        $"{SourceName}, line {_csv.RecordLine}, column '{Spec.Columns[0].Name}': the header is separated by '{(delimiter == '\t' ? "\\t" : delimiter.ToString())}', but this pipeline reads comma-separated files; save the file as CSV with ',' as the delimiter.",
                        SourceName, _csv.RecordLine, Spec.Columns[0].Name);
        }
        var duplicate = header.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new DataException(
                $"{SourceName}, line {_csv.RecordLine}, column '{duplicate.Key}': the header names the column '{duplicate.Key}' more than once; column names must be unique.",
                SourceName, _csv.RecordLine, duplicate.Key);
        return header;
    }

    private int[] MatchColumns(out IReadOnlyList<string> extra)
    {
        var fieldOf = new int[Spec.Columns.Count];
        var missing = new List<string>();
        for (var i = 0; i < Spec.Columns.Count; i++)
        {
            fieldOf[i] = _header.IndexOf(Spec.Columns[i].Name);
            if (fieldOf[i] < 0) missing.Add(Spec.Columns[i].Name);
        }
        var known = Spec.Columns.Select(c => c.Name).ToHashSet();
        extra = Header.Where(h => !known.Contains(h)).ToList();
        if (missing.Count > 0)
        {
            var first = missing[0];
            var guess = extra.FirstOrDefault(h => Similar(h, first));
            var hint = guess is null ? "" : $" The header has '{guess}' — was the column renamed?";
            var more = missing.Count > 1 ? $" Also missing: {string.Join(", ", missing.Skip(1).Select(m => "'" + m + "'"))}." : "";
            throw new DataException(
                $"{SourceName}, line {_csv.RecordLine}, column '{first}': the header has no column '{first}', which the spec '{Spec.Name}' requires.{hint}{more} Found columns: {string.Join(", ", Header)}.",
                SourceName, _csv.RecordLine, first);
        }
        return fieldOf;
    }

    private static bool Similar(string a, string b)
    {
        static string Normal(string s) => new(s.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        var (x, y) = (Normal(a), Normal(b));
        return x.Length > 0 && y.Length > 0 && (x == y || x.StartsWith(y) || y.StartsWith(x) || x.Contains(y) || y.Contains(x));
    }

    public void Dispose() => _csv.Dispose();
}
