namespace Pipeline.Monitoring;

/// <summary>
/// One feature's (or the model score's) comparison. <see cref="Drifted"/> is decided by PSI alone; the test's
/// p-value is reported beside it, not used, because with thousands of rows KS and chi-square call tiny, harmless
/// shifts significant.
/// </summary>
/// <param name="Column">The column name (or <see cref="DriftDetector.ScoreColumn"/>).</param>
/// <param name="IsNumeric">Numeric (quantile bins, Kolmogorov–Smirnov) or categorical/boolean (category bins, chi-square).</param>
/// <param name="Psi">The population stability index over <see cref="Histogram"/>'s bins.</param>
/// <param name="Threshold">The PSI threshold that applied.</param>
/// <param name="Drifted">Whether <see cref="Psi"/> reached <see cref="Threshold"/>.</param>
/// <param name="Test"><c>Kolmogorov-Smirnov</c> (numeric) or <c>chi-square</c> (categorical).</param>
/// <param name="Statistic">The test statistic: D for Kolmogorov–Smirnov, χ² for chi-square.</param>
/// <param name="PValue">The test's p-value.</param>
/// <param name="Histogram">Reference and current shares per bin.</param>
public sealed record FeatureDrift(string Column, bool IsNumeric, double Psi, double Threshold, bool Drifted, string Test,
    double Statistic, double PValue, DriftHistogram Histogram);
