namespace Pipeline.Data.Validation;

/// <summary>How well one column alone predicts the label, and whether that makes it leakage.</summary>
public sealed record LeakageFinding
{
    /// <summary>The column.</summary>
    public required string Column { get; init; }

    /// <summary>Whether the column is judged a leak of the label.</summary>
    public bool IsLeakage { get; init; }

    /// <summary>
    /// Whether the evidence is conclusive: a flag or category that reproduces or implies the label, a declared cause,
    /// or a numeric column with F1 ≥ 0.99. A numeric feature with F1 between 0.9 and 0.99 may be a legitimately
    /// strong physical predictor (e.g. speed when hot air makes every slow run a heat failure), so it is only suspect.
    /// </summary>
    public bool Conclusive { get; init; }

    /// <summary>Whether the spec keeps it out of the features (role excluded).</summary>
    public bool Excluded { get; init; }

    /// <summary>
    /// F1 on the positive class of the best one-column rule (predict positive for the values or bins where positives
    /// outnumber negatives); near 1 means the column alone reproduces the label.
    /// </summary>
    public double SingleColumnF1 { get; init; }

    /// <summary>
    /// How well the column alone ranks the label: ROC AUC, out of fold for categories, max(AUC, 1 − AUC) for numbers
    /// (see <see cref="LeakageScreen"/>); null for columns the screen does not look at.
    /// </summary>
    public double? SingleColumnRocAuc { get; init; }

    /// <summary>
    /// For numeric and boolean features not acknowledged in the spec: how the column relates to where a model without
    /// it is right or wrong (see <see cref="LeakageAgreementScreen"/>); null when not screened or too few rows.
    /// </summary>
    public LeakageAgreement? ModelAgreement { get; init; }

    /// <summary>For boolean columns: the share of rows with the flag set that are positive.</summary>
    public double? FlagPrecision { get; init; }

    /// <summary>For boolean columns: the share of positive rows that have the flag set.</summary>
    public double? FlagCoverage { get; init; }

    /// <summary>The label rule that declares the column a cause of the label, if any.</summary>
    public string? DeclaredBy { get; init; }

    /// <summary>Why the verdict is what it is.</summary>
    public required string Evidence { get; init; }
}
