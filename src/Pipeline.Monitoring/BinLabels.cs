using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Monitoring;

/// <summary>
/// Bin labels as a chart shows them: every number with the fewest significant digits (at least 3) that still tells
/// all the edges of the histogram apart, e.g. "[1538.1234, 1612.4711)" → "[1540, 1610)". The full label stays in the
/// JSON and in the bars' tooltips.
/// </summary>
public static partial class BinLabels
{
    /// <summary>The labels of one histogram, shortened together (so that two edges never become one).</summary>
    public static IReadOnlyList<string> Compact(IReadOnlyList<string> labels)
    {
        // Only a numeric histogram's edges ("< a", "[a, b)", "≥ b"): a category such as "H1" or "2026-01" is a name.
        if (labels.Count == 0 || !labels.All(l => NumericBin().IsMatch(l))) return labels;
        var numbers = labels.SelectMany(l => Number().Matches(l).Select(m => Parse(m.Value))).Where(double.IsFinite).Distinct().ToList();
        if (numbers.Count == 0) return labels;
        for (var digits = 3; digits <= 6; digits++)
        {
            var format = "G" + digits.ToString(CultureInfo.InvariantCulture);
            if (numbers.Select(n => Shorten(n, format)).Distinct().Count() == numbers.Count)
                return labels.Select(l => Number().Replace(l, m => double.IsFinite(Parse(m.Value)) ? Shorten(Parse(m.Value), format) : m.Value)).ToList();
        }
        return labels;
    }

    // Round to the digits, then print without exponent where that is short (1540, not 1.5E+03).
    static string Shorten(double value, string format)
    {
        var rounded = double.Parse(value.ToString(format, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var plain = rounded.ToString("0.##########", CultureInfo.InvariantCulture);
        var exponent = rounded.ToString(format, CultureInfo.InvariantCulture);
        return plain.Length <= exponent.Length + 2 ? plain : exponent;
    }

    static double Parse(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;

    [GeneratedRegex(@"^(< \S+|≥ \S+|\[\S+, \S+\))$")]
    private static partial Regex NumericBin();

    [GeneratedRegex(@"-?\d+(\.\d+)?([eE][-+]?\d+)?")]
    private static partial Regex Number();
}
