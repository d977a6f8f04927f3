using System.Globalization;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Validation;

/// <summary>
/// Finds columns that give the label away. A column is leakage when (a) on its own it reproduces the label
/// (single-column F1 ≥ 0.9), or (b) it is a flag that, when set, almost always comes with a positive label
/// (precision ≥ 0.95 over ≥ 10 rows, covering ≥ 2 % of the positives) — a cause recorded together with its
/// effect — or (c) a label rule of the spec names it as part of the label's definition (e.g. AI4I's RNF, which
/// in the real file rarely coincides with a failure, yet is one of the five modes that define it). A numeric
/// feature with F1 in [0.9, 0.99) is only suspect (see <see cref="LeakageFinding.Conclusive"/>). Every finding also
/// carries the column's single-column ROC AUC from the <see cref="LeakageScreen"/>; an excluded numeric column that
/// reaches the screen's error threshold (a score computed from the labels) is leakage, correctly excluded. What the
/// screen says about features is <see cref="LeakageScreenCheck"/>'s.
/// </summary>
internal static class LeakageDetector
{
    public const double F1Threshold = 0.9;
    public const double ConclusiveNumericF1 = 0.99;
    public const double PrecisionThreshold = 0.95;
    public const double CoverageThreshold = 0.02;
    public const int MinimumFlagRows = 10;
    // Below this many positives a per-value/per-bin rule separates the classes by chance (30 AI4I rows with 3
    // failures make tool wear "reproduce" the label), so single-column F1 alone can only make a column suspect.
    public const int MinimumPositivesForConclusiveF1 = 20;

    public static IReadOnlyList<LeakageFinding> Find(DataProfile profile)
    {
        var findings = new List<LeakageFinding>();
        var positives = profile.Positives;
        if (positives == 0 || profile.Negatives == 0) return findings;
        // The single-column AUCs and the agreement screen's models read the screen's sample and nothing else of each
        // other: both at once, so the one's last columns and the other's last models share the cores.
        var singleColumn = profile.Screen is { } sampled ? Task.Run(sampled.RocAucs) : Task.FromResult<IReadOnlyDictionary<string, double>>(new Dictionary<string, double>());
        var agreements = profile.Screen is { } screen ? LeakageAgreementScreen.Run(profile.Spec, screen) : new Dictionary<string, LeakageAgreement>();
        var aucs = singleColumn.GetAwaiter().GetResult();
        var errorAuc = profile.Spec.LeakageScreen.ErrorRocAuc;
        foreach (var column in profile.Columns)
        {
            var spec = column.Spec;
            double? auc = aucs.TryGetValue(spec.Name, out var a) ? a : null;
            if (spec.Role is ColumnRole.Id or ColumnRole.Label || (column.PositivesByCell.Length == 0 && auc is null)) continue;
            long truePositives = 0, falsePositives = 0;
            for (var i = 0; i < column.PositivesByCell.Length; i++)
            {
                if (column.PositivesByCell[i] <= column.NegativesByCell[i]) continue;
                truePositives += column.PositivesByCell[i];
                falsePositives += column.NegativesByCell[i];
            }
            var f1 = 2.0 * truePositives / (2.0 * truePositives + falsePositives + (positives - truePositives));
            double? precision = null, coverage = null;
            var implies = false;
            if (spec.ValueType == ColumnValueType.Boolean)
            {
                var flagged = column.PositivesByCell[1] + column.NegativesByCell[1];
                precision = flagged == 0 ? 0 : (double)column.PositivesByCell[1] / flagged;
                coverage = (double)column.PositivesByCell[1] / positives;
                implies = flagged >= MinimumFlagRows && precision >= PrecisionThreshold && coverage >= CoverageThreshold;
            }
            var declaredBy = profile.Spec.LabelRules
                .FirstOrDefault(r => r.Kind != LabelRuleKind.AtMostOne && r.Columns.Contains(spec.Name))?.Name;
            var reasons = new List<string>();
            if (f1 >= F1Threshold) reasons.Add($"alone it reproduces the label with F1 {F(f1)}");
            if (implies) reasons.Add($"when set, the label is positive in {F(precision!.Value * 100)} % of rows ({column.PositivesByCell[1]} of {column.PositivesByCell[1] + column.NegativesByCell[1]}), covering {F(coverage!.Value * 100)} % of positives");
            if (declaredBy is not null) reasons.Add($"the label rule '{declaredBy}' declares it part of the label's definition");
            var scoreOfLabels = spec.Role == ColumnRole.Excluded && auc >= errorAuc;
            if (scoreOfLabels) reasons.Add($"alone it predicts the label with ROC AUC {F(auc!.Value)}");
            var isLeakage = reasons.Count > 0;
            var measured = $"single-column F1 {F(f1)}" + (auc is { } r ? $", ROC AUC {F(r)}" : "") + (precision is { } p ? $", flag precision {F(p)}, coverage {F(coverage!.Value)}" : "")
                + (positives < MinimumPositivesForConclusiveF1 ? $"; only {positives} positive rows, fewer than the {MinimumPositivesForConclusiveF1} an F1 verdict needs" : "");
            findings.Add(new LeakageFinding
            {
                Column = spec.Name,
                IsLeakage = isLeakage,
                Conclusive = implies || declaredBy is not null || scoreOfLabels
                    || (f1 >= F1Threshold && positives >= MinimumPositivesForConclusiveF1 && (spec.ValueType != ColumnValueType.Numeric || f1 >= ConclusiveNumericF1)),
                Excluded = spec.Role == ColumnRole.Excluded,
                SingleColumnF1 = Math.Round(f1, 4),
                SingleColumnRocAuc = auc is { } roc ? Math.Round(roc, 4) : null,
                ModelAgreement = agreements.GetValueOrDefault(spec.Name),
                FlagPrecision = precision is { } pr ? Math.Round(pr, 4) : null,
                FlagCoverage = coverage is { } co ? Math.Round(co, 4) : null,
                DeclaredBy = declaredBy,
                Evidence = isLeakage ? string.Join("; ", reasons) + $" ({measured})." : $"No sign of leakage ({measured}).",
            });
        }
        return findings;
    }

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
