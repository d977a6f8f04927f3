using System.Globalization;
using System.Text.RegularExpressions;
using Pipeline.Data;

namespace Pipeline.Monitoring;

/// <summary>
/// How <c>CheckDrift --window</c> splits the current data into consecutive windows: by time (<c>30m</c>, <c>1h</c>,
/// <c>1d</c>: a whole number of minutes, hours or days; windows aligned to multiples of that length since
/// 1970-01-01 UTC, so <c>1d</c> windows start at midnight UTC) or by row count (<c>5000</c> or <c>5000rows</c>).
/// </summary>
public sealed partial record WindowSpec
{
    /// <summary>The forms the option accepts, for messages and help.</summary>
    public const string Forms = "a whole number of minutes, hours or days (30m, 1h, 1d) or of rows (5000 or 5000rows)";

    private WindowSpec(string text, TimeSpan? duration, int? rows)
    {
        Text = text;
        Duration = duration;
        Rows = rows;
    }

    /// <summary>The option as written (normalised to lower case), e.g. <c>1h</c> or <c>5000rows</c>.</summary>
    public string Text { get; }

    /// <summary>The window length of a time window, or null for a row window.</summary>
    public TimeSpan? Duration { get; }

    /// <summary>The rows per window of a row window, or null for a time window.</summary>
    public int? Rows { get; }

    /// <summary>Whether windows are cut by time (and so need the records' timestamps).</summary>
    public bool IsTime => Duration is not null;

    /// <summary>Parses <paramref name="text"/> (see <see cref="Forms"/>).</summary>
    /// <exception cref="DataException">The text is none of the forms, or its number is zero or too large.</exception>
    public static WindowSpec Parse(string text)
    {
        var trimmed = text.Trim().ToLowerInvariant();
        var match = Grammar().Match(trimmed);
        if (!match.Success || !long.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
            throw Refused(text, "is not a window");
        var unit = match.Groups["unit"].Value;
        if (unit is "" or "rows")
            return n <= int.MaxValue ? new WindowSpec($"{n}rows", null, (int)n) : throw Refused(text, "is more rows than a check can hold");
        var duration = unit switch { "m" => TimeSpan.FromMinutes(n), "h" => TimeSpan.FromHours(n), _ => TimeSpan.FromDays(n) };
        return duration <= TimeSpan.FromDays(3660) ? new WindowSpec($"{n}{unit}", duration, null) : throw Refused(text, "is longer than ten years");
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static DataException Refused(string text, string problem) =>
        new($"The option --window '{text}' {problem}; expected {Forms}, a number greater than zero.", column: "--window");

    [GeneratedRegex("^(?<n>[0-9]{1,12})(?<unit>m|h|d|rows)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();
}
