using System.Globalization;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Validation;

/// <summary>
/// What ValidateData says about the label's mapping to the positive class: every value with its count and class
/// (info), a multi-valued label that lumps many values against one (warning, naming them), and a positive class
/// that is the majority of the rows (warning: F1 and PR AUC then describe the common class, which is what a
/// mapping inverted by mistake, e.g. <c>positiveValue: "normal"</c>, looks like).
/// </summary>
internal static class LabelMappingCheck
{
    private const int ValuesListed = 20;

    public static IEnumerable<Anomaly> Check(DataProfile profile)
    {
        var spec = profile.Spec;
        var mapping = spec.LabelMapping;
        var values = profile.LabelValues.Values;
        if (values.Count == 0) yield break;
        var positive = values.Where(v => mapping.IsPositive(v.Value)).ToList();
        var negative = values.Where(v => !mapping.IsPositive(v.Value)).ToList();
        var other = profile.LabelValues.Other > 0
            ? $"; {profile.LabelValues.Other} more row(s) have values beyond the first {LabelValueCounts.DistinctLimit} distinct ones"
            : "";
        yield return new Anomaly
        {
            Kind = "label-mapping",
            Severity = Severity.Info,
            Column = spec.Label,
            Count = values.Count,
            Message = $"The label '{spec.Label}' has {values.Count} distinct value(s), mapped by {mapping.Field} (positive: {mapping.Describe()}): "
                + $"positive {List(positive)}; negative {List(negative)}{other}.",
        };
        if (values.Count >= 3 && (positive.Count == 1) != (negative.Count == 1))
        {
            var (many, manyClass, one, oneClass) = positive.Count == 1
                ? (negative, "negative", positive[0], "positive")
                : (positive, "positive", negative[0], "negative");
            yield return new Anomaly
            {
                Kind = "label-lumping",
                Severity = Severity.Warning,
                Column = spec.Label,
                Count = many.Count,
                Message = $"The label '{spec.Label}' maps one value against {many.Count}: {List(many)} are lumped together as the {manyClass} class against '{one.Value}' ({oneClass}). "
                    + "If that is the task (e.g. any attack against normal traffic), this is expected; otherwise list the values of each class with positiveValues or negativeValues.",
            };
        }
        var total = profile.Positives + profile.Negatives;
        if (total > 0 && profile.Positives * 2 > total)
            yield return new Anomaly
            {
                Kind = "positive-majority",
                Severity = Severity.Warning,
                Column = spec.Label,
                Count = profile.Positives,
                Message = $"The positive class ({mapping.Describe()} in '{spec.Label}') is the majority: {profile.Positives} of {total} rows ({Percent((double)profile.Positives / total)}). "
                    + "F1 and PR AUC describe that class; if it is the normal outcome rather than the event to find, the mapping is inverted: set positiveValue, positiveValues or negativeValues so that the positive class is the event.",
            };
    }

    private static string List(IReadOnlyList<(string Value, long Count)> values) => values.Count == 0
        ? "none"
        : string.Join(", ", values.Take(ValuesListed).Select(v => $"'{v.Value}' ({v.Count})"))
            + (values.Count > ValuesListed ? $" and {values.Count - ValuesListed} more" : "");

    private static string Percent(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";
}
