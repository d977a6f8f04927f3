namespace Pipeline.Serving.Requests;

/// <summary>
/// What a /predict body may hold. Checked by a streaming pass over the bytes before any document, dictionary or
/// string is built from them, so a hostile body under the size limit (a 1 MB string, 100,000 keys) costs no more
/// memory than its bytes.
/// </summary>
/// <param name="MaxBodyBytes">Largest body in bytes (<c>Serving:MaxRequestBodyBytes</c>).</param>
/// <param name="MaxRecords">Largest batch (<c>Serving:MaxBatchRecords</c>).</param>
/// <param name="MaxStringBytes">Longest string value in UTF-8 bytes as sent (<c>Serving:MaxStringBytes</c>).</param>
/// <param name="MaxFieldsPerRecord">Most fields in one record (<c>Serving:MaxFieldsPerRecord</c>).</param>
public sealed record RequestLimits(long MaxBodyBytes, int MaxRecords, int MaxStringBytes = RequestLimits.DefaultMaxStringBytes, int MaxFieldsPerRecord = RequestLimits.DefaultMaxFieldsPerRecord)
{
    /// <summary>Default longest string value: far beyond any category name.</summary>
    public const int DefaultMaxStringBytes = 1024;

    /// <summary>Default most fields per record: far beyond any dataset's column count.</summary>
    public const int DefaultMaxFieldsPerRecord = 256;

    /// <summary>Longest field name in bytes as sent: column names are short.</summary>
    public const int MaxFieldNameBytes = 256;

    /// <summary>Longest number as sent: a double needs at most ~25 characters; 1,000 digits is an attack, not a value.</summary>
    public const int MaxNumberBytes = 64;

    /// <summary>Deepest nesting: an array of records whose values are small arrays (refused by the model, naming the field).</summary>
    public const int MaxDepth = 8;
}
