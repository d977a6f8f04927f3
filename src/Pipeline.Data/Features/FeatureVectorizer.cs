using System.Text.Json;
using Pipeline.Data.Features.Expressions;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Features;

/// <summary>
/// Turns rows into model feature vectors as the spec says: numeric features as is, booleans as 0/1, categoricals
/// one-hot over the spec's domain (in domain order, named <c>Column=Value</c>), then the derived features in spec
/// order. Id, label and excluded columns never become features. The same code vectorises training rows and scoring
/// requests, so training and serving cannot disagree. Thread-safe.
/// </summary>
public sealed class FeatureVectorizer
{
    private readonly DatasetSpec _spec;
    private readonly IReadOnlyList<DerivedExpression> _derived;
    private readonly int[] _featureColumns;

    /// <summary>Creates the vectorizer of a (checked) spec.</summary>
    public FeatureVectorizer(DatasetSpec spec)
    {
        _spec = spec;
        _derived = DerivedFeatureBinding.ParseAndBind(spec);
        _featureColumns = Enumerable.Range(0, spec.Columns.Count).Where(i => spec.Columns[i].IsFeature).ToArray();
        InputSchema = InputSchema.From(spec);
        var names = new List<string>();
        foreach (var i in _featureColumns)
        {
            var column = spec.Columns[i];
            if (column.Role == ColumnRole.Categorical)
                names.AddRange(column.Domain!.Select(v => $"{column.Name}={v}"));
            else
                names.Add(column.Name);
        }
        names.AddRange(spec.DerivedFeatures.Select(d => d.Name));
        FeatureNames = names;
    }

    /// <summary>The name of each vector position.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The vector length.</summary>
    public int Width => FeatureNames.Count;

    /// <summary>The raw fields a scoring request must carry.</summary>
    public InputSchema InputSchema { get; }

    /// <summary>Writes row <paramref name="row"/>'s features into <paramref name="destination"/> (length <see cref="Width"/>).</summary>
    /// <exception cref="DataException">A derived feature is not finite for this row (e.g. a division by zero).</exception>
    public void Vectorize(Dataset data, int row, Span<float> destination)
    {
        var slots = new SlotRow(_spec);
        foreach (var i in _featureColumns)
        {
            var column = _spec.Columns[i];
            switch (column.Role)
            {
                case ColumnRole.Numeric: slots.Numbers[i] = data.Numeric(column.Name)[row]; break;
                case ColumnRole.Boolean: slots.Numbers[i] = data.Boolean(column.Name)[row] ? 1 : 0; break;
                default: slots.Texts[i] = data.Text(column.Name)[row]; break;
            }
        }
        Fill(slots, destination, j => new DataException(
            $"{data.SourceDescription}, data row {row + 1}: the derived feature '{_spec.DerivedFeatures[j].Name}' = {_spec.DerivedFeatures[j].Expression} " +
            $"is not a finite number for this row ({InputsOf(j, data, row)}); expected every row to give one. A division by zero, the log or square root " +
            "of a negative number, or a category missing from a lookup gives none: change the expression in the spec's derivedFeatures or fix the data.",
            column: _spec.DerivedFeatures[j].Name));
    }

    /// <summary>
    /// Writes row <paramref name="row"/> of a drift sample into <paramref name="destination"/>, reading each of this
    /// spec's feature columns by name from the sample (whose spec may be a later version of this one).
    /// </summary>
    /// <exception cref="DataException">The sample lacks a feature column of this spec, holds a category this spec does
    /// not know, or a derived feature is not finite for this row.</exception>
    public void Vectorize(FeatureSample sample, int row, Span<float> destination) => new SampleRows(this, sample).Write(row, destination);

    /// <summary>
    /// Writes rows <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> − 1 of a drift sample
    /// into <paramref name="destination"/>, exactly as <see cref="Vectorize(FeatureSample, int, Span{float})"/> does row
    /// by row, with each column looked up once per call and one row buffer reused (a million rows in chunks allocate
    /// nothing per row).
    /// </summary>
    /// <exception cref="DataException">As <see cref="Vectorize(FeatureSample, int, Span{float})"/>, for the first row that fails.</exception>
    public void Vectorize(FeatureSample sample, int start, int count, IReadOnlyList<float[]> destination)
    {
        var rows = new SampleRows(this, sample);
        for (var r = 0; r < count; r++) rows.Write(start + r, destination[r]);
    }

    // A drift sample's feature columns, looked up once, and one row buffer.
    private sealed class SampleRows
    {
        private readonly FeatureVectorizer _vectorizer;
        private readonly FeatureSample _sample;
        private readonly double[][] _numbers;
        private readonly string[][] _texts;
        private readonly SlotRow _slots;

        public SampleRows(FeatureVectorizer vectorizer, FeatureSample sample)
        {
            _vectorizer = vectorizer;
            _sample = sample;
            var spec = vectorizer._spec;
            var columns = vectorizer._featureColumns;
            _numbers = new double[columns.Length][];
            _texts = new string[columns.Length][];
            for (var k = 0; k < columns.Length; k++)
            {
                var column = spec.Columns[columns[k]];
                if (!sample.Columns.Contains(column.Name))
                    throw new DataException($"{sample.Description} has no feature column '{column.Name}', which the model's spec '{spec.Name}' needs.", column: column.Name);
                if (column.Role == ColumnRole.Numeric) _numbers[k] = sample.Numeric(column.Name);
                else _texts[k] = sample.Categories(column.Name);
            }
            _slots = new SlotRow(spec);
        }

        public void Write(int row, Span<float> destination)
        {
            var spec = _vectorizer._spec;
            var columns = _vectorizer._featureColumns;
            for (var k = 0; k < columns.Length; k++)
            {
                var i = columns[k];
                var column = spec.Columns[i];
                switch (column.Role)
                {
                    case ColumnRole.Numeric: _slots.Numbers[i] = _numbers[k][row]; break;
                    case ColumnRole.Boolean: _slots.Numbers[i] = _texts[k][row] == "true" ? 1 : 0; break;
                    default:
                        var value = _texts[k][row];
                        if (!column.Domain!.Contains(value))
                            throw new DataException($"{_sample.Description}, row {row + 1}: '{column.Name}' is '{value}', which the model's spec '{spec.Name}' does not know (expected one of {string.Join(", ", column.Domain!)}).", column: column.Name);
                        _slots.Texts[i] = value;
                        break;
                }
            }
            _vectorizer.Fill(_slots, destination, j => new DataException(
                $"{_sample.Description}, row {row + 1}: the derived feature '{spec.DerivedFeatures[j].Name}' = {spec.DerivedFeatures[j].Expression} is not a finite number for this row.",
                column: spec.DerivedFeatures[j].Name));
        }
    }

    // The row's values of the columns a derived feature reads, so the user sees why it failed.
    private string InputsOf(int derived, Dataset data, int row)
    {
        var values = _derived[derived].References
            .Select(name => _spec.FindColumn(name) is { } column
                ? $"{name} = {(column.Role switch
                {
                    ColumnRole.Numeric => data.Numeric(name)[row].ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ColumnRole.Boolean => data.Boolean(name)[row] ? "true" : "false",
                    _ => data.Text(name)[row],
                })}"
                : $"{name} is derived");
        return string.Join(", ", values);
    }

    /// <summary>Whether row <paramref name="row"/>'s label is the positive value.</summary>
    public bool Label(Dataset data, int row) => data.Boolean(_spec.Label)[row];

    /// <summary>Validates a scoring record against <see cref="InputSchema"/> and returns its feature vector.</summary>
    /// <exception cref="InputValidationException">The record is missing a field, has an unknown one, or a bad value.</exception>
    public float[] Vectorize(IReadOnlyDictionary<string, JsonElement> record)
    {
        // The schema's fields are the feature columns in spec order, so field k is column _featureColumns[k].
        var values = InputSchema.ReadValues(record);
        var slots = new SlotRow(_spec);
        for (var k = 0; k < _featureColumns.Length; k++)
        {
            var i = _featureColumns[k];
            var column = _spec.Columns[i];
            var value = values[k];
            if (column.Role == ColumnRole.Categorical)
                slots.Texts[i] = column.Domain![(int)value];
            else
                slots.Numbers[i] = value;
        }
        var vector = new float[Width];
        Fill(slots, vector, _notFiniteInput ??= NotFiniteInput);
        return vector;
    }

    // Made once: a lambda capturing this would be allocated on every scored record.
    private Func<int, Exception>? _notFiniteInput;

    private Exception NotFiniteInput(int j) => new InputValidationException(_spec.DerivedFeatures[j].Name,
        $"The derived feature '{_spec.DerivedFeatures[j].Name}' = {_spec.DerivedFeatures[j].Expression} is not a finite number for these inputs; check the fields it uses: {string.Join(", ", _derived[j].References)}.");

    private void Fill(SlotRow slots, Span<float> destination, Func<int, Exception> notFinite)
    {
        if (destination.Length < Width)
            throw new ArgumentException($"The destination has {destination.Length} positions; the feature vector needs {Width}.", nameof(destination));
        var position = 0;
        foreach (var i in _featureColumns)
        {
            var column = _spec.Columns[i];
            if (column.Role == ColumnRole.Categorical)
            {
                foreach (var value in column.Domain!)
                    destination[position++] = value == slots.Texts[i] ? 1f : 0f;
            }
            else
                destination[position++] = (float)slots.Numbers[i];
        }
        for (var j = 0; j < _derived.Count; j++)
        {
            var value = _derived[j].Evaluate(slots);
            if (!double.IsFinite(value)) throw notFinite(j);
            slots.Numbers[_spec.Columns.Count + j] = value;
            destination[position++] = (float)value;
        }
    }

    /// <summary>One row's values by expression slot: spec columns, then derived features.</summary>
    private sealed class SlotRow(DatasetSpec spec) : IExpressionRow
    {
        public double[] Numbers { get; } = new double[spec.Columns.Count + spec.DerivedFeatures.Count];
        public string[] Texts { get; } = new string[spec.Columns.Count];

        public double Number(int slot) => Numbers[slot];

        public string Text(int slot) => Texts[slot];
    }
}
