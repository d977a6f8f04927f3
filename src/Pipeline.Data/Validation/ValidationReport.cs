using Pipeline.Data.Specs;

namespace Pipeline.Data.Validation;

/// <summary>The outcome of validating a data source against its spec and reviewed schema.</summary>
public sealed record ValidationReport
{
    /// <summary>The spec's name.</summary>
    public required string Dataset { get; init; }

    /// <summary>The file path, or the simulator description.</summary>
    public required string Source { get; init; }

    /// <summary>The SHA-256 of the data, or null if it could not be read to the end.</summary>
    public string? ContentHash { get; init; }

    /// <summary>The data rows read (rows with the header's width).</summary>
    public long Rows { get; init; }

    /// <summary>The reviewed schema compared against, or null if there was none.</summary>
    public string? Schema { get; init; }

    /// <summary>True when there is no error-severity anomaly.</summary>
    public bool Passed => Errors == 0;

    /// <summary>Error-severity anomalies (each may cover many rows).</summary>
    public int Errors => Anomalies.Count(a => a.Severity == Severity.Error);

    /// <summary>Warning-severity anomalies.</summary>
    public int Warnings => Anomalies.Count(a => a.Severity == Severity.Warning);

    /// <summary>The share of positive labels among rows with a valid label.</summary>
    public double? PositiveFraction { get; init; }

    /// <summary>Every anomaly, errors first.</summary>
    public required IReadOnlyList<Anomaly> Anomalies { get; init; }

    /// <summary>Statistics per column.</summary>
    public required IReadOnlyList<ColumnSummary> Columns { get; init; }

    /// <summary>The leakage assessment of every non-id feature or excluded column.</summary>
    public required IReadOnlyList<LeakageFinding> Leakage { get; init; }

    /// <summary>
    /// Throws when <see cref="Passed"/> is false, with one paragraph: the count of errors, the first error's
    /// sentence (file, line, column, what was expected) and where the full report is.
    /// </summary>
    /// <exception cref="DataException">The report has errors.</exception>
    public void ThrowIfFailed(string? reportPath)
    {
        if (Passed) return;
        var errors = Anomalies.Where(a => a.Severity == Severity.Error).ToList();
        var first = errors[0];
        var example = first.Examples.FirstOrDefault();
        var sameKind = first.Count > 1 ? $" ({first.Count} rows have this {first.Kind} problem{(first.Column is null ? "" : $" in '{first.Column}'")})" : "";
        var others = errors.Count > 1
            ? " Other errors: " + string.Join("; ", errors.Skip(1).Take(5).Select(a => $"{a.Kind}{(a.Column is null ? "" : $" in '{a.Column}'")} ×{a.Count}")) + (errors.Count > 6 ? "; …" : "") + "."
            : "";
        var where = reportPath is null ? "" : $" Full report: {reportPath}.";
        throw new DataException(
            $"Validation of the {Dataset} data failed with {errors.Count} error(s) and {Warnings} warning(s). {example?.Message ?? first.Message}{sameKind}{others}{where}",
            Source, example?.Line, first.Column);
    }
}

/// <summary>Statistics of one column, as validation saw them.</summary>
public sealed record ColumnSummary
{
    /// <summary>The header name.</summary>
    public required string Name { get; init; }

    /// <summary>The column's role in the spec.</summary>
    public required ColumnRole Role { get; init; }

    /// <summary>The value type it was read as.</summary>
    public required ColumnValueType Type { get; init; }

    /// <summary>Cells that parsed.</summary>
    public long Valid { get; init; }

    /// <summary>Smallest value (numeric).</summary>
    public double? Min { get; init; }

    /// <summary>Largest value (numeric).</summary>
    public double? Max { get; init; }

    /// <summary>Mean (numeric).</summary>
    public double? Mean { get; init; }

    /// <summary>Standard deviation (numeric).</summary>
    public double? StandardDeviation { get; init; }

    /// <summary>Distinct values (numeric values are counted up to 1,000).</summary>
    public long? Distinct { get; init; }

    /// <summary>Share of true values (boolean).</summary>
    public double? TrueFraction { get; init; }

    /// <summary>Share of each category (categorical).</summary>
    public IReadOnlyDictionary<string, double>? Frequencies { get; init; }
}
