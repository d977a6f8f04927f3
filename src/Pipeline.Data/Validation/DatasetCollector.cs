using Pipeline.Data.Loading;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Validation;

/// <summary>
/// Keeps the typed values of every cell the validation pass parsed, so a run that validates and then trains reads
/// the file once: when the pass found no error, <see cref="ToDataset"/> is exactly what <see cref="DatasetLoader"/>
/// would load (the loader stops at the first bad cell, ragged row or duplicate id, all errors of the report).
/// </summary>
internal sealed class DatasetCollector
{
    private readonly DatasetSpec _spec;
    private readonly List<double>?[] _numbers;
    private readonly List<bool>?[] _booleans;
    private readonly List<string>?[] _texts;

    public DatasetCollector(DatasetSpec spec)
    {
        _spec = spec;
        _numbers = spec.Columns.Select(c => c.ValueType == ColumnValueType.Numeric ? new List<double>() : null).ToArray();
        _booleans = spec.Columns.Select(c => c.ValueType == ColumnValueType.Boolean ? new List<bool>() : null).ToArray();
        _texts = spec.Columns.Select(c => c.ValueType is ColumnValueType.Categorical or ColumnValueType.Text ? new List<string>() : null).ToArray();
    }

    public void AddNumber(int column, double value) => _numbers[column]!.Add(value);

    public void AddBoolean(int column, bool value) => _booleans[column]!.Add(value);

    /// <summary>A category, as the domain's own string instance (no allocation per row).</summary>
    public void AddCategory(int column, int index) => _texts[column]!.Add(_spec.Columns[column].Domain![index]);

    public void AddText(int column, ReadOnlySpan<char> cell) => _texts[column]!.Add(cell.ToString());

    /// <summary>The dataset of the collected rows, as <see cref="DatasetLoader.Load(DatasetSpec, DataSource)"/> returns it.</summary>
    public Dataset ToDataset(string sourceDescription, string contentHash, int rows)
    {
        var columns = new Dictionary<string, Array>();
        for (var c = 0; c < _spec.Columns.Count; c++)
            columns[_spec.Columns[c].Name] = (Array?)_numbers[c]?.ToArray() ?? (Array?)_booleans[c]?.ToArray() ?? _texts[c]!.ToArray();
        return new Dataset(_spec, sourceDescription, contentHash, rows, columns);
    }
}
