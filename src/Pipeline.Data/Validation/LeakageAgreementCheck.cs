using System.Globalization;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Validation;

/// <summary>
/// ValidateData's verdict from the <see cref="LeakageAgreementScreen"/>: a feature whose agreement ROC AUC reaches the
/// spec's <c>leakageScreen.agreementRocAuc</c> (default 0.6), and that settles most of the rows a model without it
/// gets wrong (<see cref="LeakageAgreement.Flags"/>), knows where models err in both classes — a score computed
/// from classifiers' results or from the outcome — and is an error unless the spec acknowledges it
/// (<c>acknowledgedLeakage</c>, which also skips the screen for it).
/// </summary>
internal static class LeakageAgreementCheck
{
    public const string Kind = "leakage-model-agreement";

    public static IEnumerable<Anomaly> Check(DataProfile profile, IReadOnlyList<LeakageFinding> findings)
    {
        var level = profile.Spec.LeakageScreen.AgreementRocAuc;
        foreach (var finding in findings)
        {
            if (finding.ModelAgreement is not { } m || !m.Flags(level) || profile.Spec.FindColumn(finding.Column) is not { IsFeature: true })
                continue;
            yield return new Anomaly
            {
                Kind = Kind,
                Severity = Severity.Error,
                Column = finding.Column,
                Count = 1,
                Message = $"Column '{finding.Column}' {Describe(m)}, at or above {F(level)}: it looks computed from models' results or from the outcome "
                    + $"(as a 'difficulty' that counts the classifiers that got a row right), not known when a prediction is made. Exclude it with reason \"leakage\"; "
                    + $"if it is truly known at prediction time, acknowledge it in the spec: \"acknowledgedLeakage\": {{\"{finding.Column}\": \"why it is known in time\"}}.",
            };
        }
    }

    /// <summary>The screen's figures in words, for messages and the proposed spec's reasons.</summary>
    public static string Describe(LeakageAgreement m) =>
        $"tells where a model without it is right from where it is wrong in both classes (agreement ROC AUC {F(m.RocAuc)}: "
        + $"{F(m.CorrectAmongPositivesRocAuc)} among positives, {F(m.CorrectAmongNegativesRocAuc)} among negatives, out of fold on {m.Rows:N0} sampled rows; "
        + $"the model's ROC AUC {F(m.ModelRocAucWithout)} without it, {F(m.ModelRocAucWith)} with it: it removes {F(m.ErrorReduction * 100)} % of the model's remaining error)";

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
