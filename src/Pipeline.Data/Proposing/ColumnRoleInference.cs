using System.Globalization;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Proposing;

/// <summary>
/// The role a feature column most likely has, from what its cells looked like (<see cref="ColumnObservation"/>), with
/// the reason in words (columns with missing cells are refused before, see <see cref="SpecProposer"/>): a single value excludes it; 1/0/true/false make a boolean; unique single words or a
/// unique counter make an id; numbers are numeric unless they are codes (leading zeros, or few whole numbers under a
/// code-like name such as <c>region_code</c>), which are categorical; short text with few values is categorical;
/// anything else is free text, excluded.
/// </summary>
internal static class ColumnRoleInference
{
    /// <summary>More distinct values than this and text is not a category.</summary>
    public const int MaxCategories = 200;

    /// <summary>Whole numbers with at most this many values may be codes (if the name says so).</summary>
    public const int MaxNumericCodes = 30;

    private static readonly string[] CodeWords =
        ["code", "type", "class", "category", "kind", "group", "grade", "zone", "region", "segment", "status", "cluster"];

    /// <summary>The proposed column and why (for the console).</summary>
    public static (ColumnSpec Column, string Why) Infer(ColumnObservation o)
    {
        if (o.Distinct <= 1)
            return (Excluded(o, $"constant: every row is '{o.Values.FirstOrDefault().Key}'"), "excluded: constant");
        if (o.AllBooleanLike && o.Distinct == 2)
            return (new ColumnSpec { Name = o.Name, Role = ColumnRole.Boolean }, "boolean: two values of 1/0/true/false");
        if (o.AllUnique && ((!o.AllNumeric && o.MeanWords <= 1) || (o.AllIntegers && (o.StrictlyIncreasing || LooksLikeId(o.Name)))))
            return (new ColumnSpec { Name = o.Name, Role = ColumnRole.Id, Type = o.AllNumeric ? ColumnValueType.Numeric : null },
                o.AllNumeric ? "id: unique whole numbers" : "id: a different value in every row");
        if (o.AllNumeric && o.DistinctKnown && o.HasLeadingZeros && o.Distinct <= MaxCategories)
            return (Categorical(o, numericOrder: true), $"categorical: {o.Distinct} codes written with leading zeros");
        if (o.AllNumeric && o.AllIntegers && o.DistinctKnown && o.Distinct <= MaxNumericCodes && LooksLikeCode(o.Name))
            return (Categorical(o, numericOrder: true), $"categorical: {o.Distinct} numeric codes (whole numbers, code-like name)");
        if (o.AllNumeric)
            return (new ColumnSpec { Name = o.Name, Role = ColumnRole.Numeric, Min = o.Min >= 0 ? 0 : null },
                $"numeric: {F(o.Min)} to {F(o.Max)}{(o.AllIntegers && o.Distinct <= MaxNumericCodes ? $", {o.Distinct} whole values (if they are codes, make it categorical)" : "")}");
        if (o.DistinctKnown && o.Distinct <= MaxCategories && o.MeanWords <= 3 && o.Distinct * 2 <= o.Present)
            return (Categorical(o, numericOrder: false), $"categorical: {o.Distinct} values");
        return (Excluded(o, $"free text ({(o.DistinctKnown ? o.Distinct.ToString("N0", CultureInfo.InvariantCulture) : "many")} distinct values, {o.MeanWords:0.#} words on average), not modelled"),
            "excluded: free text");
    }

    private static ColumnSpec Categorical(ColumnObservation o, bool numericOrder)
    {
        var values = o.Values.Select(v => v.Key);
        var domain = numericOrder
            ? values.OrderBy(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToList()
            : values.ToList(); // most frequent first
        return new ColumnSpec { Name = o.Name, Role = ColumnRole.Categorical, Domain = domain };
    }

    private static ColumnSpec Excluded(ColumnObservation o, string reason) => new()
    {
        Name = o.Name,
        Role = ColumnRole.Excluded,
        Reason = reason,
        Type = o.Present > 0 && o.AllNumeric ? ColumnValueType.Numeric : null,
    };

    private static bool LooksLikeId(string name)
    {
        var lower = name.ToLowerInvariant();
        return lower is "id" or "key" or "uuid" || lower.EndsWith("_id") || lower.EndsWith("-id") || lower.EndsWith(" id")
            || (name.EndsWith("Id", StringComparison.Ordinal) && name.Length > 2) || lower.EndsWith("_key");
    }

    private static bool LooksLikeCode(string name)
    {
        var lower = name.ToLowerInvariant();
        return CodeWords.Any(lower.Contains);
    }

    private static string F(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
