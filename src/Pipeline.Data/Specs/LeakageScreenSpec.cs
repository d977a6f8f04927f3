namespace Pipeline.Data.Specs;

/// <summary>
/// Thresholds of ValidateData's single-column leakage screen: the ROC AUC with which one column alone predicts the
/// label (out of fold), from which it is an error (unless acknowledged in the spec) or a warning; and the level of
/// the screen for columns computed from models' results.
/// </summary>
public sealed record LeakageScreenSpec
{
    /// <summary>At or above this, a feature is an error unless acknowledged (default 0.95).</summary>
    public double ErrorRocAuc { get; init; } = 0.95;

    /// <summary>At or above this, a feature is a warning: is it known at prediction time? (default 0.8).</summary>
    public double WarningRocAuc { get; init; } = 0.8;

    /// <summary>
    /// At or above this agreement ROC AUC (see <c>LeakageAgreementScreen</c>), a numeric or boolean feature that tracks
    /// where a model without it is right or wrong in both classes is an error unless acknowledged (default 0.6); 1 turns
    /// that screen off.
    /// </summary>
    public double AgreementRocAuc { get; init; } = 0.6;
}
