using System.Globalization;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using Pipeline.Data.Text;
using System.Runtime.CompilerServices;

namespace Pipeline.Data.Validation;

/// <summary>
/// What a chunk of a parallel validation pass keeps of each row for the merge, which replays it in file order: the
/// line, the label, the valid numbers (for the mean and variance and the leakage screen's sample), the valid
/// categories and booleans (for the screen's fold counts) and the id (for the duplicate check). A few values per row,
/// no string unless an id is not a plain integer. The arrays are reused from chunk to chunk (<see cref="Reset"/>).
/// </summary>
internal sealed class ChunkRows
{
    private readonly int[] _numericColumns;
    private readonly int[] _categoryColumns;
    private readonly int _idColumn;
    private readonly double[][] _numbers;
    private readonly int[][] _categories;
    private long[] _lines = [];
    private sbyte[] _labels = [];
    private long[] _ids = [];
    private int _count;
    private readonly Dictionary<int, string> _idTexts = []; // rows whose id is not written as its number would be
    private readonly HashSet<int> _textIds = []; // rows whose id is not a number at all

    public ChunkRows(DatasetSpec spec)
    {
        var columns = spec.Columns;
        _numericColumns = Enumerable.Range(0, columns.Count).Where(c => columns[c].ValueType == ColumnValueType.Numeric).ToArray();
        _categoryColumns = Enumerable.Range(0, columns.Count)
            .Where(c => columns[c].ValueType is ColumnValueType.Categorical or ColumnValueType.Boolean).ToArray();
        _idColumn = spec.IndexOfRole(ColumnRole.Id);
        _numbers = new double[columns.Count][];
        _categories = new int[columns.Count][];
    }

    /// <summary>Empties the rows for a chunk of at most <paramref name="rows"/> rows.</summary>
    public void Reset(int rows)
    {
        _count = 0;
        _idTexts.Clear();
        _textIds.Clear();
        if (_lines.Length >= rows) return;
        _lines = new long[rows];
        _labels = new sbyte[rows];
        _ids = new long[rows];
        foreach (var c in _numericColumns) _numbers[c] = new double[rows];
        foreach (var c in _categoryColumns) _categories[c] = new int[rows];
    }

    /// <summary>
    /// Holds <paramref name="labels"/>.Length rows at once, on consecutive lines from <paramref name="firstLine"/>, for a
    /// chunk read column by column (<see cref="ColumnarChunk"/>): their values are then written through
    /// <see cref="NumbersOf"/>, <see cref="CategoriesOf"/> and <see cref="SetId(int, ReadOnlySpan{char})"/>.
    /// </summary>
    public void SetRows(long firstLine, ReadOnlySpan<sbyte> labels)
    {
        _count = labels.Length;
        _idTexts.Clear();
        _textIds.Clear();
        for (var row = 0; row < labels.Length; row++) _lines[row] = firstLine + row;
        labels.CopyTo(_labels);
    }

    /// <summary>The rows' values of numeric column <paramref name="column"/> (NaN: none), to write.</summary>
    public Span<double> NumbersOf(int column) => _numbers[column].AsSpan(0, _count);

    /// <summary>The rows' category indices (booleans: 0 or 1; −1: none) of column <paramref name="column"/>, to write.</summary>
    public Span<int> CategoriesOf(int column) => _categories[column].AsSpan(0, _count);

    /// <summary>Starts a row: every value invalid until set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void BeginRow(long line, int label)
    {
        var row = _count++;
        _lines[row] = line;
        _labels[row] = (sbyte)label;
        foreach (var c in _numericColumns) _numbers[c][row] = double.NaN; // a valid number is finite: NaN marks none
        foreach (var c in _categoryColumns) _categories[c][row] = -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetNumber(int column, double value) => _numbers[column][_count - 1] = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetCategory(int column, int index) => _categories[column][_count - 1] = index;

    /// <summary>Keeps the row's id as <see cref="RowChecks.CheckId"/> reads it: a number when it parses as one, else its text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetId(SpecTableReader table)
    {
        if (_idColumn >= 0) SetId(_count - 1, table.Cell(_idColumn));
    }

    /// <summary>Keeps <paramref name="cell"/> as the id of row <paramref name="row"/> of the chunk (see <see cref="SetId(SpecTableReader)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SetId(int row, ReadOnlySpan<char> cell)
    {
        if (PlainInteger.TryParse(cell, out var numeric))
        {
            _ids[row] = numeric; // written as its number is: nothing more to keep
            return;
        }
        if (long.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out numeric))
        {
            _ids[row] = numeric;
            Span<char> written = stackalloc char[20];
            if (!numeric.TryFormat(written, out var length, default, CultureInfo.InvariantCulture) || !cell.SequenceEqual(written[..length]))
                _idTexts[row] = cell.ToString(); // " 7" or "+7": the report quotes the cell as written
            return;
        }
        _idTexts[row] = cell.ToString();
        _textIds.Add(row);
    }

    /// <summary>
    /// Replays the rows into the pass's state in file order: the mean and variance of each numeric column, the
    /// leakage screen, and the ids (a duplicate is added to <paramref name="duplicates"/> at its line's position).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Replay(DataProfile profile, LeakageScreen screen, SeenIds ids, AnomalyCollector duplicates)
    {
        var idName = _idColumn >= 0 ? profile.Spec.Columns[_idColumn].Name : null;
        for (var row = 0; row < _count; row++)
        {
            screen.BeginRow(_labels[row]);
            foreach (var c in _numericColumns)
            {
                var value = _numbers[c][row];
                if (double.IsNaN(value)) continue;
                profile.Columns[c].AddMoments(value);
                screen.AddNumber(c, value);
            }
            foreach (var c in _categoryColumns)
                if (_categories[c][row] is var index and >= 0)
                    screen.AddCategory(c, index);
            if (idName is null) continue;
            var line = _lines[row];
            var seenOn = _textIds.Count > 0 && _textIds.Contains(row) ? ids.Add(_idTexts[row], line) : ids.Add(_ids[row], line);
            if (seenOn is not { } firstLine) continue;
            duplicates.Position = line * 3 + 1;
            RowChecks.AddDuplicateId(duplicates, profile.SourceName, line, idName,
                _idTexts.TryGetValue(row, out var text) ? text : _ids[row].ToString(CultureInfo.InvariantCulture), firstLine);
        }
    }
}
