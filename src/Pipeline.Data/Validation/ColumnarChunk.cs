using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Pipeline.Data.Features.Expressions;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Validation;

/// <summary>
/// Reads a chunk of a parallel validation pass column by column, for a chunk in which nothing is wrong: the line breaks
/// and commas of the whole chunk are found first (16 characters at a time), then each column is parsed and counted in
/// a loop of its own, the label rules are checked rule by rule and the derived features evaluated an operation at a
/// time over the chunk (<see cref="DerivedExpression.Evaluate(IExpressionColumns, Span{double})"/>). Row by row, every
/// cell costs a dispatch on its column's type, a call per check and a walk of each expression tree.
/// <para>
/// The cells are parsed and checked by the row-by-row pass's own functions, and a broken label rule (often only noted,
/// e.g. two failure modes at once) is recorded as that pass records it. At anything else the report would mention (a bad
/// or padded cell, a ragged or blank line, a value outside the reviewed schema, a derived feature that is not finite) it
/// gives up, and the chunk is read again row by row (<see cref="DataProfiler.ReadRows"/>), which words the problem. What
/// it counts of a chunk is what the row-by-row pass counts, to the bit: the parallel pass's tests compare both on clean
/// and faulty files.
/// </para>
/// </summary>
internal sealed class ColumnarChunk
{
    private readonly DatasetSpec _spec;
    private readonly ColumnValueType[] _types;
    private readonly double[]?[] _allowed;
    private readonly bool[]?[] _referenceCategories;
    private readonly (LabelRuleSpec Rule, int[] Flags)[] _rules; // each rule's boolean columns (only those count as set)
    private readonly DerivedExpression[] _derived;
    private readonly int _labelColumn;
    private readonly int _idColumn;
    private readonly PassBuffers _buffers;
    private int _chunks;
    private int _fallbacks;

    /// <summary>
    /// A reader for the chunks of one pass over data of <paramref name="spec"/>, checked against <paramref name="schema"/>,
    /// with the pass's <paramref name="buffers"/>.
    /// </summary>
    public ColumnarChunk(DatasetSpec spec, DataSchema? schema, PassBuffers buffers)
    {
        _spec = spec;
        _buffers = buffers;
        _types = spec.Columns.Select(c => c.ValueType).ToArray();
        _allowed = RowChecks.AllowedRanges(spec, schema);
        _referenceCategories = RowChecks.ReferenceCategories(spec, schema);
        _rules = RowChecks.Rules(spec)
            .Select(r => (r.Rule, r.Columns.Where(c => _types[c] == ColumnValueType.Boolean).ToArray())).ToArray();
        _derived = DerivedFeatureBinding.ParseAndBind(spec).ToArray();
        _labelColumn = spec.IndexOfRole(ColumnRole.Label);
        _idColumn = spec.IndexOfRole(ColumnRole.Id);
    }

    /// <summary>
    /// Whether the next chunk is worth trying column by column: not while more than a quarter of the chunks so far had
    /// to be read again row by row (a file with a problem in most chunks would pay for each twice).
    /// </summary>
    public bool WorthTrying()
    {
        var chunks = Interlocked.Increment(ref _chunks);
        return Volatile.Read(ref _fallbacks) * 4 <= chunks;
    }

    /// <summary>
    /// Reads the rows of <paramref name="text"/> (whole lines; <paramref name="lines"/> line breaks at most, the first on
    /// line <paramref name="firstLine"/>) into <paramref name="part"/> and <paramref name="rows"/>, as
    /// <see cref="DataProfiler.ReadRows"/> would. False when the chunk has anything to report: then
    /// <paramref name="part"/> and <paramref name="rows"/> hold a partial count, to be thrown away.
    /// </summary>
    public bool TryRead(SpecTableReader table, ReadOnlySpan<char> text, int lines, long firstLine, DataProfile part, ChunkRows rows,
        out long rowsRead)
    {
        rowsRead = 0;
        var width = table.HeaderWidth;
        var ends = _buffers.Ints.Rent((lines + 1) * width);
        var starts = _buffers.Ints.Rent(lines + 2);
        var labels = _buffers.Labels.Rent(lines + 1);
        try
        {
            var count = Split(text, width, ends, starts);
            var read = count > 0 && Read(new Cells(text, ends, starts, width, count), table, firstLine, part, rows, labels.AsSpan(0, count));
            if (read) rowsRead = count;
            else Interlocked.Increment(ref _fallbacks);
            return read;
        }
        finally
        {
            _buffers.Ints.Return(ends);
            _buffers.Ints.Return(starts);
            _buffers.Labels.Return(labels);
        }
    }

    private bool Read(Cells cells, SpecTableReader table, long firstLine, DataProfile part, ChunkRows rows, Span<sbyte> labels)
    {
        if (!ReadLabels(cells, table, part, labels)) return false;
        rows.SetRows(firstLine, labels);
        for (var c = 0; c < _types.Length; c++)
        {
            var read = _types[c] switch
            {
                ColumnValueType.Numeric => ReadNumbers(cells, table, c, part.Columns[c], labels, rows.NumbersOf(c)),
                ColumnValueType.Boolean => ReadBooleans(cells, table, c, part.Columns[c], labels, rows.CategoriesOf(c)),
                ColumnValueType.Categorical => ReadCategories(cells, table, c, part.Columns[c], labels, rows.CategoriesOf(c)),
                _ => ReadTexts(cells, table.FieldOf(c), part.Columns[c]),
            };
            if (!read) return false;
        }
        if (_idColumn >= 0)
        {
            var field = table.FieldOf(_idColumn);
            for (var row = 0; row < cells.Rows; row++) rows.SetId(row, cells.Cell(row, field));
        }
        CheckLabelRules(cells, table, firstLine, part.Anomalies, rows, labels);
        return DerivedFeaturesAreFinite(rows, cells.Rows);
    }

    // The label first: every column's counts are per label.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadLabels(Cells cells, SpecTableReader table, DataProfile part, Span<sbyte> labels)
    {
        var field = table.FieldOf(_labelColumn);
        long positives = 0;
        for (var row = 0; row < labels.Length; row++)
        {
            var cell = cells.Cell(row, field);
            if (table.ParseBoolean(_labelColumn, cell, out var positive) != CellStatus.Ok) return false;
            part.LabelValues.Add(cell.Trim());
            labels[row] = (sbyte)(positive ? 1 : 0);
            if (positive) positives++;
        }
        part.Rows += labels.Length;
        part.Positives += positives;
        part.Negatives += labels.Length - positives;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadNumbers(Cells cells, SpecTableReader table, int column, ColumnProfile profile, ReadOnlySpan<sbyte> labels, Span<double> values)
    {
        var field = table.FieldOf(column);
        var (low, high) = _allowed[column] is { } range ? (range[0], range[1]) : (double.NegativeInfinity, double.PositiveInfinity);
        for (var row = 0; row < values.Length; row++)
        {
            var cell = cells.Cell(row, field);
            if (table.ParseNumber(column, cell, out var value, out var plain) != CellStatus.Ok
                || (!plain && RowChecks.IsPadded(cell)) || value < low || value > high)
                return false;
            values[row] = value;
        }
        profile.AddNumbers(values, labels);
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadBooleans(Cells cells, SpecTableReader table, int column, ColumnProfile profile, ReadOnlySpan<sbyte> labels, Span<int> values)
    {
        if (column == _labelColumn)
        {
            for (var row = 0; row < values.Length; row++)
            {
                values[row] = labels[row];
                profile.AddBoolean(labels[row] == 1, labels[row]);
            }
            return true;
        }
        var field = table.FieldOf(column);
        for (var row = 0; row < values.Length; row++)
        {
            var cell = cells.Cell(row, field);
            bool value;
            if (cell.Length == 1 && (uint)(cell[0] - '0') <= 1) value = cell[0] == '1'; // ParseBoolean's first test, without the call
            else if (table.ParseBoolean(column, cell, out value) != CellStatus.Ok) return false;
            values[row] = value ? 1 : 0;
            profile.AddBoolean(value, labels[row]);
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ReadCategories(Cells cells, SpecTableReader table, int column, ColumnProfile profile, ReadOnlySpan<sbyte> labels, Span<int> values)
    {
        var field = table.FieldOf(column);
        var seen = _referenceCategories[column];
        for (var row = 0; row < values.Length; row++)
        {
            if (table.ParseCategory(column, cells.Cell(row, field), out var index) != CellStatus.Ok || (seen is not null && !seen[index]))
                return false;
            values[row] = index;
            profile.AddCategory(index, labels[row]);
        }
        return true;
    }

    private static bool ReadTexts(Cells cells, int field, ColumnProfile profile)
    {
        for (var row = 0; row < cells.Rows; row++)
        {
            if (SpecTableReader.IsMissing(cells.Cell(row, field))) return false;
            profile.AddText();
        }
        return true;
    }

    // Rule by rule over the rows: the anomalies of each rule (kind, column and rule name) come in row order, and those of
    // one row carry its position, so the merge orders them as the row-by-row checks would. The flags set per row are
    // summed column by column, once for rules over the same flags (AI4I's three rules are over its five failure modes).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CheckLabelRules(Cells cells, SpecTableReader table, long firstLine, AnomalyCollector anomalies, ChunkRows rows, ReadOnlySpan<sbyte> labels)
    {
        if (_rules.Length == 0) return;
        var buffer = _buffers.Ints.Rent(labels.Length);
        var counts = buffer.AsSpan(0, labels.Length);
        int[]? counted = null;
        foreach (var (rule, flags) in _rules)
        {
            if (counted is null || !flags.AsSpan().SequenceEqual(counted))
            {
                counts.Clear();
                foreach (var c in flags)
                {
                    var set = rows.CategoriesOf(c);
                    for (var row = 0; row < counts.Length; row++) counts[row] += set[row];
                }
                counted = flags;
            }
            for (var row = 0; row < counts.Length; row++)
                if (RowChecks.Breaks(rule.Kind, labels[row], counts[row]))
                    AddLabelRuleBreak(table, firstLine + row, cells.Cell(row, table.FieldOf(_labelColumn)).ToString(), anomalies, rule,
                        flags.Where(c => rows.CategoriesOf(c)[row] == 1).ToArray(), counts[row]);
        }
        _buffers.Ints.Return(buffer);
    }

    // Apart from the row loop: a lambda there that captures the row makes the compiler allocate its closure on every row.
    private void AddLabelRuleBreak(SpecTableReader table, long line, string labelText, AnomalyCollector anomalies, LabelRuleSpec rule,
        int[] set, int trueCount)
    {
        anomalies.Position = line * 3 + 2;
        RowChecks.AddLabelRuleBreak(anomalies, _spec, table.SourceName, line, labelText, rule, set, trueCount);
    }

    private bool DerivedFeaturesAreFinite(ChunkRows rows, int count)
    {
        if (_derived.Length == 0) return true;
        var columns = new ChunkExpressionColumns(_spec, _types, rows, count, _derived.Length, _buffers.Doubles);
        try
        {
            for (var j = 0; j < _derived.Length; j++)
            {
                var values = columns.Derived(j);
                _derived[j].Evaluate(columns, values);
                foreach (var value in values)
                    if (!double.IsFinite(value)) return false;
            }
            return true;
        }
        finally
        {
            columns.Return();
        }
    }

    /// <summary>
    /// Where a line break or comma ends each field: per row, <paramref name="width"/> ends (exclusive; a CR before the
    /// line break is not part of the field) in <paramref name="ends"/>, and where the row starts in
    /// <paramref name="starts"/>. <paramref name="vectorised"/>: 16 characters at a time where the processor can
    /// (false: one at a time, as on a processor without 256-bit vectors; tests compare the two).
    /// </summary>
    /// <returns>The rows, or −1 when a line is not a plain row (blank, or with more or fewer fields than the header).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int Split(ReadOnlySpan<char> text, int width, Span<int> ends, Span<int> starts, bool vectorised = true)
    {
        int row = 0, field = 0, i = 0;
        starts[0] = 0;
        if (vectorised && Vector256.IsHardwareAccelerated)
        {
            ref var data = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
            var commas = Vector256.Create((ushort)',');
            var breaks = Vector256.Create((ushort)'\n');
            for (; i + Vector256<ushort>.Count <= text.Length; i += Vector256<ushort>.Count)
            {
                var block = Vector256.LoadUnsafe(ref data, (nuint)i);
                var found = (Vector256.Equals(block, commas) | Vector256.Equals(block, breaks)).ExtractMostSignificantBits();
                while (found != 0)
                {
                    if (!Delimiter(text, i + BitOperations.TrailingZeroCount(found), width, ends, starts, ref row, ref field)) return -1;
                    found &= found - 1;
                }
            }
        }
        for (; i < text.Length; i++)
            if (text[i] is ',' or '\n' && !Delimiter(text, i, width, ends, starts, ref row, ref field)) return -1;
        if (starts[row] < text.Length)
        {
            // The last line of the file, without a line break.
            if (field != width - 1) return -1;
            ends[row * width + field] = text.Length;
            row++;
        }
        return row;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Delimiter(ReadOnlySpan<char> text, int at, int width, Span<int> ends, Span<int> starts, ref int row, ref int field)
    {
        if (text[at] == ',')
        {
            if (field == width - 1) return false; // more fields than the header
            ends[row * width + field++] = at;
            return true;
        }
        var end = at > 0 && text[at - 1] == '\r' ? at - 1 : at;
        // Fewer fields than the header, or a blank line (the row-by-row reader skips it, and counts lines on).
        if (field != width - 1 || end == starts[row]) return false;
        ends[row * width + field] = end;
        row++;
        field = 0;
        starts[row] = at + 1;
        return true;
    }

    /// <summary>The fields of a split chunk.</summary>
    private readonly ref struct Cells(ReadOnlySpan<char> text, int[] ends, int[] starts, int width, int rows)
    {
        private readonly ReadOnlySpan<char> _text = text;

        public int Rows { get; } = rows;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ReadOnlySpan<char> Cell(int row, int field)
        {
            var at = row * width + field;
            var start = field == 0 ? starts[row] : ends[at - 1] + 1;
            return _text[start..ends[at]];
        }
    }

    /// <summary>A chunk's columns as the derived features read them: numbers, booleans as 0/1, categories by index.</summary>
    private sealed class ChunkExpressionColumns(DatasetSpec spec, ColumnValueType[] types, ChunkRows rows, int count, int derived,
        ArrayPool<double> buffers) : IExpressionColumns
    {
        public ArrayPool<double> Buffers => buffers;

        private readonly double[]?[] _slots = new double[]?[types.Length + derived]; // pooled: booleans as numbers, derived features

        public Span<double> Derived(int j) => Slot(types.Length + j);

        public ReadOnlySpan<double> Numbers(int slot)
        {
            if (slot < types.Length && types[slot] == ColumnValueType.Numeric) return rows.NumbersOf(slot);
            if (slot < types.Length && _slots[slot] is null)
            {
                var values = Slot(slot);
                var flags = rows.CategoriesOf(slot);
                for (var row = 0; row < count; row++) values[row] = flags[row];
            }
            return _slots[slot].AsSpan(0, count);
        }

        public ReadOnlySpan<int> Codes(int slot) => rows.CategoriesOf(slot);

        public string CodeText(int slot, int code) => spec.Columns[slot].Domain![code];

        public void Return()
        {
            foreach (var buffer in _slots)
                if (buffer is not null) buffers.Return(buffer);
        }

        private Span<double> Slot(int slot) => (_slots[slot] ??= buffers.Rent(count)).AsSpan(0, count);
    }
}
