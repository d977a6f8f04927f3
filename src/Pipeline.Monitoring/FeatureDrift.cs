namespace Pipeline.Monitoring;

/// <summary>
/// One feature's (or the model score's) comparison. <see cref="Drifted"/> is decided by PSI against
/// <see cref="Threshold"/>: set from the reference for the check's false-alarm rate at this sample size (see
/// <see cref="ThresholdMethod"/>), or by hand. The classical two-sample test is reported beside it, not used, because
/// it assumes independent rows (sensor readings are autocorrelated) and with thousands of rows calls tiny, harmless
/// shifts significant.
/// </summary>
/// <param name="Column">The column name (or <see cref="DriftDetector.ScoreColumn"/>).</param>
/// <param name="IsNumeric">Numeric (quantile bins, Kolmogorov–Smirnov) or categorical/boolean (category bins, chi-square).</param>
/// <param name="Psi">The population stability index over <see cref="Histogram"/>'s bins.</param>
/// <param name="Threshold">The PSI threshold that applied.</param>
/// <param name="Drifted">Whether <see cref="Psi"/> crossed <see cref="Threshold"/>.</param>
/// <param name="Test"><c>Kolmogorov-Smirnov</c> (numeric) or <c>chi-square</c> (categorical).</param>
/// <param name="Statistic">The test statistic: D for Kolmogorov–Smirnov, χ² for chi-square.</param>
/// <param name="PValue">The test's p-value (independent rows assumed).</param>
/// <param name="Histogram">Reference and current shares per bin.</param>
public sealed record FeatureDrift(string Column, bool IsNumeric, double Psi, double Threshold, bool Drifted, string Test,
    double Statistic, double PValue, DriftHistogram Histogram)
{
    /// <summary>How <see cref="Threshold"/> was set.</summary>
    public ThresholdMethod Method { get; init; }

    /// <summary>The current rows compared (n).</summary>
    public int Rows { get; init; }

    /// <summary>
    /// The probability that an undrifted batch of <see cref="Rows"/> rows reaches this PSI: from the resampled
    /// reference batches, or the chi-square approximation when the batch is too large to resample.
    /// </summary>
    public double PsiPValue { get; init; } = 1;

    /// <summary>The false-alarm rate the threshold was set for (the Šidák share of the check's rate for features); null when hand-set.</summary>
    public double? Level { get; init; }
}

/// <summary>How a PSI threshold was set.</summary>
public enum ThresholdMethod
{
    /// <summary>The (1 − level) quantile of the PSI of reference batches of the current size (consecutive rows).</summary>
    Resampled,

    /// <summary>The chi-square approximation with effective sample sizes (n / τ, N / τ), for batches too large to resample.</summary>
    ChiSquareApproximation,

    /// <summary>Given in drift.json (<c>psiThreshold</c> or <c>featureThresholds</c>).</summary>
    HandSet,
}
