namespace Pipeline.Engine;

/// <summary>Suggests the closest known name for a mistyped one (edit distance, ignoring case).</summary>
internal static class DidYouMean
{
    /// <summary>The best candidates, or none when nothing is close enough to be a plausible typo.</summary>
    public static IReadOnlyList<string> Suggest(string typed, IEnumerable<string> candidates)
    {
        var key = NameForms.Key(typed);
        var scored = candidates
            .Distinct()
            .Select(c => (Name: c, Distance: Distance(key, NameForms.Key(c))))
            .Where(c => c.Distance <= Math.Max(2, key.Length / 3) || NameForms.Key(c.Name).StartsWith(key, StringComparison.Ordinal) && key.Length >= 3)
            .OrderBy(c => c.Distance)
            .ToList();
        if (scored.Count == 0) return Array.Empty<string>();
        var best = scored[0].Distance;
        return scored.Where(c => c.Distance == best).Select(c => c.Name).ToList();
    }

    /// <summary>" Did you mean 'X'?" or "" — ready to append to an error sentence.</summary>
    public static string Hint(string typed, IEnumerable<string> candidates, string prefix = "")
    {
        var suggestions = Suggest(typed, candidates);
        return suggestions.Count == 0
            ? ""
            : " Did you mean " + string.Join(" or ", suggestions.Select(s => $"'{prefix}{s}'")) + "?";
    }

    /// <summary>Levenshtein distance.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
