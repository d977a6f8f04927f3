using Pipeline.Data.Specs;

namespace Pipeline.Data.Validation;

/// <summary>One kind of problem found in a column (or the whole file), with how often and where.</summary>
public sealed record Anomaly
{
    /// <summary>
    /// What is wrong, in kebab case: <c>malformed-file</c>, <c>ragged-row</c>, <c>extra-column</c>, <c>type-error</c>,
    /// <c>missing-value</c>, <c>not-finite</c>, <c>out-of-range</c>, <c>out-of-reference-range</c>,
    /// <c>unseen-category</c>, <c>category-not-in-reference</c>, <c>duplicate-id</c>, <c>constant-column</c>,
    /// <c>class-balance</c>, <c>label-mapping</c>, <c>label-lumping</c>, <c>positive-majority</c>, <c>label-rule</c>,
    /// <c>leakage</c>, <c>leakage-screen</c>, <c>stale-schema</c>, <c>no-schema</c>.
    /// </summary>
    public required string Kind { get; init; }

    /// <summary>How bad it is.</summary>
    public required Severity Severity { get; init; }

    /// <summary>The column concerned, or null for the whole file.</summary>
    public string? Column { get; init; }

    /// <summary>The label rule concerned, for <c>label-rule</c> anomalies.</summary>
    public string? Rule { get; init; }

    /// <summary>How many rows (or cells) are affected.</summary>
    public long Count { get; init; }

    /// <summary>A sentence saying what was found and what was expected.</summary>
    public required string Message { get; init; }

    /// <summary>Up to five examples, in file order.</summary>
    public IReadOnlyList<AnomalyExample> Examples { get; init; } = [];
}

/// <summary>One occurrence of an anomaly.</summary>
/// <param name="Line">The 1-based line in the file.</param>
/// <param name="Value">The cell's text, if one cell is concerned.</param>
/// <param name="Message">The sentence naming file, line, column and what was expected.</param>
public sealed record AnomalyExample(long Line, string? Value, string Message);
