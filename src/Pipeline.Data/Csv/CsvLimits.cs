namespace Pipeline.Data.Csv;

/// <summary>
/// The longest CSV record and field a reader accepts, in characters. A tabular data row is a few hundred
/// characters; a line of megabytes is a broken file (wrong line endings, an unclosed quote) or an attack, and reading
/// it whole would cost many times its size in memory. Beyond either limit the reader stops with a sentence naming
/// the file and line.
/// </summary>
/// <param name="MaxRecordChars">Longest record (a line, or the lines of a record with quoted line breaks).</param>
/// <param name="MaxFieldChars">Longest single field.</param>
public sealed record CsvLimits(int MaxRecordChars = CsvLimits.DefaultMaxRecordChars, int MaxFieldChars = CsvLimits.DefaultMaxFieldChars)
{
    /// <summary>Default longest record: 1 Mi characters.</summary>
    public const int DefaultMaxRecordChars = 1 << 20;

    /// <summary>Default longest field: 64 Ki characters.</summary>
    public const int DefaultMaxFieldChars = 1 << 16;

    /// <summary>The defaults.</summary>
    public static CsvLimits Default { get; } = new();
}
