using System.Globalization;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using Pipeline.Data.Text;
using System.Runtime.CompilerServices;

namespace Pipeline.Data.Validation;

/// <summary>The per-row checks beyond single cells: reference ranges and categories, unique ids, label rules.</summary>
internal sealed class RowChecks
{
    private readonly DatasetSpec _spec;
    private readonly SpecTableReader _table;
    private readonly AnomalyCollector _anomalies;
    private readonly double[]?[] _allowed;
    private readonly bool[]?[] _referenceCategories;
    private readonly int _idColumn;
    private readonly int _labelColumn;
    private readonly SeenIds _ids = new();
    private readonly (LabelRuleSpec Rule, int[] Columns)[] _rules;

    public RowChecks(DatasetSpec spec, DataSchema? schema, SpecTableReader table, AnomalyCollector anomalies)
    {
        _spec = spec;
        _table = table;
        _anomalies = anomalies;
        _allowed = AllowedRanges(spec, schema);
        _referenceCategories = ReferenceCategories(spec, schema);
        _idColumn = spec.IndexOfRole(ColumnRole.Id);
        _labelColumn = spec.IndexOfRole(ColumnRole.Label);
        _rules = Rules(spec);
    }

    /// <summary>Per column, the reviewed schema's reference range [low, high], or null where it gives none.</summary>
    public static double[]?[] AllowedRanges(DatasetSpec spec, DataSchema? schema) =>
        spec.Columns.Select(c => schema?.FindColumn(c.Name)?.AllowedRange).ToArray();

    /// <summary>Per categorical column, whether each domain value occurred in the reviewed schema's reference data; else null.</summary>
    public static bool[]?[] ReferenceCategories(DatasetSpec spec, DataSchema? schema) =>
        spec.Columns.Select(c =>
            c.ValueType == ColumnValueType.Categorical && schema?.FindColumn(c.Name)?.Frequencies is { } seen
                ? c.Domain!.Select(seen.ContainsKey).ToArray()
                : null).ToArray();

    /// <summary>The spec's label rules, each with the positions of its columns.</summary>
    public static (LabelRuleSpec Rule, int[] Columns)[] Rules(DatasetSpec spec)
    {
        var indexOf = spec.Columns.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i);
        return spec.LabelRules.Select(r => (r, r.Columns.Select(n => indexOf[n]).ToArray())).ToArray();
    }

    /// <summary>Whether a row with <paramref name="label"/> (1 or 0) and <paramref name="trueCount"/> of the rule's flags set breaks a rule of <paramref name="kind"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Breaks(LabelRuleKind kind, int label, int trueCount) => kind switch
    {
        LabelRuleKind.LabelImpliesAny => label == 1 && trueCount == 0,
        LabelRuleKind.AnyImpliesLabel => label == 0 && trueCount > 0,
        _ => trueCount > 1,
    };

    // Each check returns on its fast path before the method that reports: a lambda capturing a parameter makes the
    // compiler allocate its closure on entry to the method that declares it, which would be once per cell.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CheckReferenceRange(int column, double value)
    {
        if (_allowed[column] is { } range && (value < range[0] || value > range[1])) ReportOutOfReferenceRange(column, value, range);
    }

    private void ReportOutOfReferenceRange(int column, double value, double[] range)
    {
        var name = _spec.Columns[column].Name;
        _anomalies.Add("out-of-reference-range", Severity.Warning, name, _table.Line, _table.Cell(column).ToString(),
            () => $"{_table.SourceName}, line {_table.Line}, column '{name}': {value.ToString(CultureInfo.InvariantCulture)} is outside the reference range [{Format(range[0])}, {Format(range[1])}] of the reviewed schema (drift, or a unit error?).");
    }

    /// <summary>The anomaly kind of a number with spaces around it.</summary>
    public const string PaddedNumberKind = "padded-number";

    /// <summary>
    /// A number with spaces around it (" 47.2 ") is read as the number, as before; a warning names the column,
    /// because pandas, a database import or a spreadsheet may read such a column as text.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CheckPaddedNumber(int column, double value)
    {
        if (IsPadded(_table.Cell(column))) ReportPaddedNumber(column, value);
    }

    /// <summary>Whether a cell that reads as a number has spaces around it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsPadded(ReadOnlySpan<char> cell) => char.IsWhiteSpace(cell[0]) || char.IsWhiteSpace(cell[^1]);

    private void ReportPaddedNumber(int column, double value)
    {
        var cell = _table.Cell(column);
        var name = _spec.Columns[column].Name;
        var text = cell.ToString();
        _anomalies.Add(PaddedNumberKind, Severity.Warning, name, _table.Line, text,
            () => $"{_table.SourceName}, line {_table.Line}, column '{name}': the number '{ValuePreview.Of(text)}' has spaces around it; it is read as {value.ToString(CultureInfo.InvariantCulture)}, but other tools may read the column as text: remove the spaces.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CheckReferenceCategory(int column, int index)
    {
        if (_referenceCategories[column] is { } seen && !seen[index]) ReportCategoryNotInReference(column, index);
    }

    private void ReportCategoryNotInReference(int column, int index)
    {
        var name = _spec.Columns[column].Name;
        var value = _spec.Columns[column].Domain![index];
        _anomalies.Add("category-not-in-reference", Severity.Warning, name, _table.Line, value,
            () => $"{_table.SourceName}, line {_table.Line}, column '{name}': '{value}' is allowed by the spec but never occurred in the reference data of the reviewed schema.");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void CheckId()
    {
        if (_idColumn < 0) return;
        var cell = _table.Cell(_idColumn);
        var seenOn = PlainInteger.TryParse(cell, out var numeric) || long.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out numeric)
            ? _ids.Add(numeric, _table.Line)
            : _ids.Add(cell.ToString(), _table.Line);
        if (seenOn is { } firstLine) ReportDuplicateId(firstLine);
    }

    private void ReportDuplicateId(long firstLine)
    {
        var id = _table.Cell(_idColumn).ToString();
        var name = _spec.Columns[_idColumn].Name;
        AddDuplicateId(_anomalies, _table.SourceName, _table.Line, name, id, firstLine);
    }

    /// <summary>Records id <paramref name="id"/> on <paramref name="line"/> as a duplicate of the one on <paramref name="firstLine"/>.</summary>
    public static void AddDuplicateId(AnomalyCollector anomalies, string sourceName, long line, string column, string id, long firstLine) =>
        anomalies.Add("duplicate-id", Severity.Error, column, line, id,
            () => $"{sourceName}, line {line}, column '{column}': the id '{id}' was already used on line {firstLine}; ids must be unique.");

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void CheckLabelRules(bool[] booleans, bool[] valid, int label)
    {
        if (label < 0) return;
        foreach (var (rule, columns) in _rules)
        {
            var trueCount = 0;
            foreach (var c in columns)
            {
                if (!valid[c]) return; // a bad flag cell is already an error of its own
                if (booleans[c]) trueCount++;
            }
            if (Breaks(rule.Kind, label, trueCount)) ReportLabelRule(rule, columns, booleans, trueCount);
        }
    }

    private void ReportLabelRule(LabelRuleSpec rule, int[] columns, bool[] booleans, int trueCount) =>
        AddLabelRuleBreak(_anomalies, _spec, _table.SourceName, _table.Line, _table.Cell(_labelColumn).ToString(), rule,
            columns.Where(c => booleans[c]), trueCount);

    /// <summary>
    /// Records that the row on <paramref name="line"/>, whose label cell reads <paramref name="labelText"/>, breaks
    /// <paramref name="rule"/> with the flags <paramref name="setColumns"/> set (<paramref name="trueCount"/> of them).
    /// </summary>
    public static void AddLabelRuleBreak(AnomalyCollector anomalies, DatasetSpec spec, string sourceName, long line, string labelText,
        LabelRuleSpec rule, IEnumerable<int> setColumns, int trueCount)
    {
        var set = string.Join(", ", setColumns.Select(c => spec.Columns[c].Name));
        var what = rule.Kind switch
        {
            LabelRuleKind.LabelImpliesAny => $"the label is {labelText} but none of {string.Join(", ", rule.Columns)} is set",
            LabelRuleKind.AnyImpliesLabel => $"{set} is set but the label is {labelText}",
            _ => $"{trueCount} of them are set ({set})",
        };
        anomalies.Add("label-rule", rule.Severity, spec.Label, line, set,
            () => $"{sourceName}, line {line}, column '{spec.Label}': {what} (rule '{rule.Name}'{(rule.Description is { } d ? ": " + d : "")}).",
            rule.Name);
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
