using System.Globalization;
using Pipeline.Data.Features.Expressions;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using System.Runtime.CompilerServices;

namespace Pipeline.Data.Validation;

/// <summary>
/// Computes the spec's derived features for each row during validation and reports a row where one is not a finite
/// number (a division by zero, the log of a negative value, a category a lookup does not list). Training would stop
/// on such a row; ValidateData says so first, with the line and the values the expression read.
/// </summary>
internal sealed class DerivedFeatureCheck : IExpressionRow
{
    internal const string Kind = "derived-not-finite";

    private readonly DatasetSpec _spec;
    private readonly SpecTableReader _table;
    private readonly AnomalyCollector _anomalies;
    private readonly DerivedExpression[] _expressions;
    private readonly double[] _numbers;
    private readonly string[] _texts;
    private readonly bool[] _isFeature; // per column, read per row

    public DerivedFeatureCheck(DatasetSpec spec, SpecTableReader table, AnomalyCollector anomalies)
    {
        _spec = spec;
        _table = table;
        _anomalies = anomalies;
        _expressions = DerivedFeatureBinding.ParseAndBind(spec).ToArray();
        _numbers = new double[spec.Columns.Count + spec.DerivedFeatures.Count];
        _texts = new string[spec.Columns.Count];
        _isFeature = spec.Columns.Select(c => c.IsFeature).ToArray();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetNumber(int column, double value) => _numbers[column] = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetText(int column, string value) => _texts[column] = value;

    /// <summary>Whether the spec derives any feature (else there is nothing to check, and no value to keep).</summary>
    public bool HasExpressions => _expressions.Length > 0;

    /// <summary>Evaluates every derived feature of the current row; <paramref name="valid"/> says which cells parsed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void CheckRow(bool[] valid)
    {
        if (_expressions.Length == 0) return;
        // A row with a bad feature cell already has its error; its derived features would only repeat it.
        for (var c = 0; c < _isFeature.Length; c++)
            if (_isFeature[c] && !valid[c]) return;
        for (var j = 0; j < _expressions.Length; j++)
        {
            var value = _expressions[j].Evaluate(this);
            if (double.IsFinite(value))
            {
                _numbers[_isFeature.Length + j] = value;
                continue;
            }
            Report(j);
            return; // later derived features may read this one
        }
    }

    // Apart from the row loop: a lambda there would cost a closure allocation per derived feature and row.
    private void Report(int j)
    {
        var derived = _spec.DerivedFeatures[j];
        var inputs = string.Join(", ", _expressions[j].References.Select(Describe));
        _anomalies.Add(Kind, Severity.Error, derived.Name, _table.Line, null,
            () => $"{_table.SourceName}, line {_table.Line}: the derived feature '{derived.Name}' = {derived.Expression} is not a finite number ({inputs}); " +
                  "expected every row to give one, since training cannot use the row. Change the expression in the spec's derivedFeatures or fix the data.");
    }

    private string Describe(string name)
    {
        var index = _spec.Columns.ToList().FindIndex(c => c.Name == name);
        if (index < 0) return $"{name} is derived";
        return _spec.Columns[index].Role == ColumnRole.Categorical
            ? $"{name} = {_texts[index]}"
            : $"{name} = {_numbers[index].ToString(CultureInfo.InvariantCulture)}";
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    double IExpressionRow.Number(int slot) => _numbers[slot];

    string IExpressionRow.Text(int slot) => _texts[slot];
}
