using Pipeline.Data.Features.Expressions;
using Pipeline.Data.Specs;

namespace Pipeline.Modeling.Scoring.Explanation;

/// <summary>
/// Which input fields each feature slot comes from, with the share of the slot's contribution each gets: a numeric
/// or boolean column's slot and every one-hot slot of a categorical column go wholly to that column; a derived
/// feature's slot is split equally among the input fields its expression references (through earlier derived
/// features). Shares of a slot sum to 1, so grouping keeps the contributions' total.
/// </summary>
public sealed class FieldAttribution
{
    readonly (int Field, double Share)[][] slots;

    FieldAttribution(IReadOnlyList<string> fields, (int Field, double Share)[][] slots)
    {
        Fields = fields;
        this.slots = slots;
    }

    /// <summary>The input fields, in the spec's column order (only those some feature derives from).</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>The attribution of the feature vector <paramref name="spec"/> produces (slots in the vectorizer's order).</summary>
    public static FieldAttribution For(DatasetSpec spec)
    {
        var slotFields = new List<string[]>();
        foreach (var column in spec.Columns.Where(c => c.IsFeature))
        {
            if (column.Role == ColumnRole.Categorical) slotFields.AddRange(column.Domain!.Select(_ => new[] { column.Name }));
            else slotFields.Add([column.Name]);
        }
        var derivedFields = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var derived in spec.DerivedFeatures)
        {
            var fields = DerivedExpression.Parse(derived.Expression).References
                .SelectMany(name => derivedFields.TryGetValue(name, out var inner) ? inner : [name])
                .Distinct().ToArray();
            derivedFields[derived.Name] = fields;
            slotFields.Add(fields);
        }
        var order = spec.Columns.Select(c => c.Name).Where(name => slotFields.Any(s => s.Contains(name))).ToList();
        var index = order.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i);
        var slots = slotFields.Select(fields => fields.Select(f => (index[f], 1.0 / fields.Length)).ToArray()).ToArray();
        return new FieldAttribution(order, slots);
    }

    /// <summary>The number of feature slots.</summary>
    public int SlotCount => slots.Length;

    /// <summary>Sums per-slot <paramref name="contributions"/> into one value per field (in <see cref="Fields"/> order).</summary>
    public double[] Group(ReadOnlySpan<double> contributions)
    {
        var grouped = new double[Fields.Count];
        for (var s = 0; s < slots.Length; s++)
            foreach (var (field, share) in slots[s]) grouped[field] += contributions[s] * share;
        return grouped;
    }
}
