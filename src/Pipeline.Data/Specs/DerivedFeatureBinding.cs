using Pipeline.Data.Features.Expressions;

namespace Pipeline.Data.Specs;

/// <summary>
/// The slot layout derived-feature expressions are bound to: slot i &lt; Columns.Count is spec column i,
/// slot Columns.Count + j is derived feature j. Only feature columns and earlier derived features resolve,
/// so an id, the label or an excluded (leaky) column can never leak into a feature. It lives with the specs (the
/// expression language knows no spec), because the spec checker binds the expressions to check them.
/// </summary>
internal static class DerivedFeatureBinding
{
    public static IReadOnlyList<DerivedExpression> ParseAndBind(DatasetSpec spec)
    {
        var expressions = new List<DerivedExpression>(spec.DerivedFeatures.Count);
        for (var j = 0; j < spec.DerivedFeatures.Count; j++)
        {
            var expression = DerivedExpression.Parse(spec.DerivedFeatures[j].Expression);
            var visible = j;
            expression.Bind(name => Resolve(spec, name, visible));
            expressions.Add(expression);
        }
        return expressions;
    }

    private static (int Slot, ReferenceKind Kind)? Resolve(DatasetSpec spec, string name, int derivedVisible)
    {
        for (var i = 0; i < spec.Columns.Count; i++)
        {
            var column = spec.Columns[i];
            if (column.Name != name) continue;
            return column.Role switch
            {
                ColumnRole.Numeric or ColumnRole.Boolean => (i, ReferenceKind.Number),
                ColumnRole.Categorical => (i, ReferenceKind.Text),
                _ => null,
            };
        }
        for (var j = 0; j < derivedVisible; j++)
            if (spec.DerivedFeatures[j].Name == name)
                return (spec.Columns.Count + j, ReferenceKind.Number);
        return null;
    }
}
