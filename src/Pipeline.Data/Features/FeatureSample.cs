using Pipeline.Data.Loading;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Features;

/// <summary>
/// The monitored columns' values for a set of rows: every feature column of the spec (numeric as <c>double[]</c>;
/// categorical and boolean as <c>string[]</c> of category names, booleans as <c>"true"</c>/<c>"false"</c>), in spec
/// order. The unit a drift check compares.
/// </summary>
public sealed class FeatureSample
{
    private readonly Dictionary<string, double[]> _numeric;
    private readonly Dictionary<string, string[]> _categories;

    private FeatureSample(DatasetSpec spec, string description, int rowCount, Dictionary<string, double[]> numeric,
        Dictionary<string, string[]> categories, float[]? scores)
    {
        Spec = spec;
        Description = description;
        RowCount = rowCount;
        _numeric = numeric;
        _categories = categories;
        Scores = scores;
        Columns = spec.Columns.Where(c => c.IsFeature).Select(c => c.Name).ToList();
    }

    /// <summary>The spec whose feature columns the sample holds.</summary>
    public DatasetSpec Spec { get; }

    /// <summary>Where the rows come from (a file, a log folder, the simulator), for reports.</summary>
    public string Description { get; }

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The feature columns, in spec order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The model scores logged with each row (inference log), or null (datasets).</summary>
    public float[]? Scores { get; }

    /// <summary>Whether <paramref name="column"/> is numeric (else categorical or boolean).</summary>
    /// <exception cref="ArgumentException">The column is not a feature of the spec.</exception>
    public bool IsNumeric(string column) =>
        _numeric.ContainsKey(column) || (_categories.ContainsKey(column) ? false : throw UnknownColumn(column));

    /// <summary>The values of a numeric feature column.</summary>
    /// <exception cref="ArgumentException">The column is not a numeric feature.</exception>
    public double[] Numeric(string column) =>
        _numeric.TryGetValue(column, out var values) ? values
        : _categories.ContainsKey(column) ? throw new ArgumentException($"The feature '{column}' is not numeric.", nameof(column))
        : throw UnknownColumn(column);

    /// <summary>The category names of a categorical or boolean feature column.</summary>
    /// <exception cref="ArgumentException">The column is not a categorical or boolean feature.</exception>
    public string[] Categories(string column) =>
        _categories.TryGetValue(column, out var values) ? values
        : _numeric.ContainsKey(column) ? throw new ArgumentException($"The feature '{column}' is numeric, not categorical.", nameof(column))
        : throw UnknownColumn(column);

    /// <summary>The feature columns of a dataset, for all rows or the given ones (e.g. the training split).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A row index is outside the dataset.</exception>
    public static FeatureSample FromDataset(Dataset data, IReadOnlyList<int>? rows = null)
    {
        foreach (var row in rows ?? [])
            if ((uint)row >= (uint)data.RowCount)
                throw new ArgumentOutOfRangeException(nameof(rows), row, $"The dataset has {data.RowCount} rows.");
        var count = rows?.Count ?? data.RowCount;
        var numeric = new Dictionary<string, double[]>();
        var categories = new Dictionary<string, string[]>();
        foreach (var column in data.Spec.Columns.Where(c => c.IsFeature))
        {
            switch (column.Role)
            {
                case ColumnRole.Numeric: numeric[column.Name] = Pick(data.Numeric(column.Name), rows); break;
                case ColumnRole.Boolean: categories[column.Name] = Pick(data.Boolean(column.Name), rows).Select(BooleanCategory).ToArray(); break;
                default: categories[column.Name] = Pick(data.Text(column.Name), rows); break;
            }
        }
        var description = rows is null ? data.SourceDescription : $"{data.SourceDescription}, {count:N0} of {data.RowCount:N0} rows";
        return new FeatureSample(data.Spec, description, count, numeric, categories, null);
    }

    /// <summary>A sample from column arrays (the inference log reader; tests).</summary>
    /// <exception cref="ArgumentException">A feature column has no values, or the columns (or scores) differ in length.</exception>
    public static FeatureSample FromColumns(DatasetSpec spec, string description, IReadOnlyDictionary<string, double[]> numeric,
        IReadOnlyDictionary<string, string[]> categories, float[]? scores = null)
    {
        var features = spec.Columns.Where(c => c.IsFeature).ToList();
        var rowCount = -1;
        foreach (var column in features)
        {
            int length = column.Role == ColumnRole.Numeric
                ? numeric.TryGetValue(column.Name, out var n) ? n.Length : throw new ArgumentException($"No numeric values for '{column.Name}'.", nameof(numeric))
                : categories.TryGetValue(column.Name, out var c) ? c.Length : throw new ArgumentException($"No categories for '{column.Name}'.", nameof(categories));
            if (rowCount >= 0 && length != rowCount)
                throw new ArgumentException($"The column '{column.Name}' has {length} values; the others have {rowCount}.");
            rowCount = length;
        }
        if (scores is not null && scores.Length != rowCount)
            throw new ArgumentException($"There are {scores.Length} scores for {rowCount} rows.", nameof(scores));
        return new FeatureSample(spec, description, Math.Max(rowCount, 0),
            features.Where(c => c.Role == ColumnRole.Numeric).ToDictionary(c => c.Name, c => numeric[c.Name]),
            features.Where(c => c.Role != ColumnRole.Numeric).ToDictionary(c => c.Name, c => categories[c.Name]),
            scores);
    }

    /// <summary>The category name of a boolean value.</summary>
    public static string BooleanCategory(bool value) => value ? "true" : "false";

    private static T[] Pick<T>(T[] values, IReadOnlyList<int>? rows)
    {
        if (rows is null) return values;
        var picked = new T[rows.Count];
        for (var i = 0; i < picked.Length; i++) picked[i] = values[rows[i]];
        return picked;
    }

    private ArgumentException UnknownColumn(string column) =>
        new($"'{column}' is not a feature column of '{Spec.Name}'; its features are {string.Join(", ", Columns)}.", nameof(column));
}
