using System.Globalization;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Validation;

/// <summary>
/// ValidateData's verdicts on features from the single-column screen (<see cref="LeakageScreen"/>): a feature that
/// alone predicts the label almost perfectly (ROC AUC ≥ the spec's <c>leakageScreen.errorRocAuc</c>, default 0.95) is
/// an error unless the spec acknowledges it (<c>acknowledgedLeakage</c>); a strong one (≥ <c>warningRocAuc</c>,
/// default 0.8) is a warning asking whether it is known at prediction time; an excluded numeric column that strong is
/// info. Columns the older rules already call leakage are left to them, so nothing is said twice.
/// </summary>
internal static class LeakageScreenCheck
{
    public static IEnumerable<Anomaly> Check(DataProfile profile, IReadOnlyList<LeakageFinding> findings)
    {
        var spec = profile.Spec;
        var thresholds = spec.LeakageScreen;
        foreach (var finding in findings)
        {
            if (finding.SingleColumnRocAuc is not { } auc || finding.IsLeakage || auc < thresholds.WarningRocAuc
                || spec.FindColumn(finding.Column) is not { } column)
                continue;
            var how = column.ValueType == ColumnValueType.Numeric ? "rank AUC of its values" : "out of fold, by its categories' positive rates";
            var measured = $"Column '{finding.Column}' alone predicts the label with ROC AUC {F(auc)} ({how})";
            if (!column.IsFeature)
            {
                yield return Anomaly(Severity.Info, finding.Column, $"{measured}; it is excluded ({column.Reason}), so it cannot leak into the model — keep it out of the features.");
                continue;
            }
            if (spec.AcknowledgedLeakage.TryGetValue(finding.Column, out var reason))
            {
                yield return Anomaly(Severity.Info, finding.Column, $"{measured}; the spec acknowledges it: {reason}");
                continue;
            }
            yield return auc >= thresholds.ErrorRocAuc
                ? Anomaly(Severity.Error, finding.Column,
                    $"{measured}, at or above {F(thresholds.ErrorRocAuc)}: almost certainly leakage (recorded after the outcome, or computed from it). Exclude it with reason \"leakage\"; if it is truly known at prediction time, acknowledge it in the spec: \"acknowledgedLeakage\": {{\"{finding.Column}\": \"why it is known in time\"}}.")
                : Anomaly(Severity.Warning, finding.Column,
                    $"{measured}, at or above {F(thresholds.WarningRocAuc)}. Is it known at prediction time? If it is recorded after the outcome, exclude it with reason \"leakage\"; if it is a legitimate strong predictor, acknowledge it with \"acknowledgedLeakage\" to silence this.");
        }
    }

    private static Anomaly Anomaly(Severity severity, string column, string message) => new()
    {
        Kind = "leakage-screen", Severity = severity, Column = column, Count = 1, Message = message,
    };

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
