namespace Pipeline.Data.Specs;

/// <summary>
/// Thresholds of ValidateData's single-column leakage screen: the ROC AUC with which one column alone predicts the
/// label (out of fold), from which it is an error (unless acknowledged in the spec) or a warning.
/// </summary>
public sealed record LeakageScreenSpec
{
    /// <summary>At or above this, a feature is an error unless acknowledged (default 0.95).</summary>
    public double ErrorRocAuc { get; init; } = 0.95;

    /// <summary>At or above this, a feature is a warning: is it known at prediction time? (default 0.8).</summary>
    public double WarningRocAuc { get; init; } = 0.8;
}
