using System.Buffers;

namespace Pipeline.Data.Csv;

/// <summary>Writing one CSV field as RFC 4180 reads it back (what <see cref="CsvRecordReader"/> parses).</summary>
public static class CsvField
{
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    /// <summary>
    /// The field as CSV text: unchanged when it holds no comma, quote or line break and has no leading or trailing
    /// space; otherwise in double quotes with every quote doubled.
    /// </summary>
    public static string Quote(string value)
    {
        var plain = value.AsSpan().IndexOfAny(NeedsQuotes) < 0
            && (value.Length == 0 || (!char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[^1])));
        return plain ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
