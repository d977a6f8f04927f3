using Pipeline.Data.Specs;

namespace Pipeline.Data.Loading;

/// <summary>
/// A dataset held in memory column by column, typed by the spec: numeric columns as <c>double[]</c>, boolean
/// columns and the label (true = positive) as <c>bool[]</c>, categorical, id and text columns as <c>string[]</c>.
/// </summary>
public sealed class Dataset
{
    private readonly Dictionary<string, Array> _columns;

    internal Dataset(DatasetSpec spec, string sourceDescription, string contentHash, int rowCount,
        Dictionary<string, Array> columns)
    {
        Spec = spec;
        SourceDescription = sourceDescription;
        ContentHash = contentHash;
        RowCount = rowCount;
        _columns = columns;
        ColumnNames = spec.Columns.Select(c => c.Name).ToList();
    }

    /// <summary>The spec the data was read with.</summary>
    public DatasetSpec Spec { get; }

    /// <summary>The file path, or <c>simulator(rows=…, seed=…, scenario=…)</c>.</summary>
    public string SourceDescription { get; }

    /// <summary>
    /// SHA-256 (lowercase hex) of the CSV bytes; for the simulator, of the UTF-8 CSV text it generated, which equals
    /// the hash of that text saved as a file. Equal data gives an equal hash.
    /// </summary>
    public string ContentHash { get; }

    /// <summary>The number of data rows.</summary>
    public int RowCount { get; }

    /// <summary>The spec's column names, in spec order.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>The values of a numeric column.</summary>
    /// <exception cref="ArgumentException">The column does not exist or is not numeric.</exception>
    public double[] Numeric(string column) => Get<double[]>(column, "numeric");

    /// <summary>The values of a categorical, id or text column.</summary>
    /// <exception cref="ArgumentException">The column does not exist or is not text.</exception>
    public string[] Text(string column) => Get<string[]>(column, "categorical, id or text");

    /// <summary>The values of a boolean column, or of the label (true = the positive value).</summary>
    /// <exception cref="ArgumentException">The column does not exist or is not boolean.</exception>
    public bool[] Boolean(string column) => Get<bool[]>(column, "boolean or label");

    /// <summary>The label of every row (true = positive).</summary>
    public bool[] Labels => Boolean(Spec.Label);

    private T Get<T>(string column, string kind) where T : class
    {
        if (!_columns.TryGetValue(column, out var values))
            throw new ArgumentException($"The dataset '{Spec.Name}' has no column '{column}'; its columns are {string.Join(", ", ColumnNames)}.", nameof(column));
        return values as T ?? throw new ArgumentException(
            $"The column '{column}' of '{Spec.Name}' is not {kind} (its role is {Spec.FindColumn(column)!.Role}).", nameof(column));
    }
}
