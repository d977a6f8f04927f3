using Pipeline.Data.Specs;

namespace Pipeline.Data.Validation;

/// <summary>
/// Finds features computed from models' results or from the outcome together with the other features — columns the
/// single-column screen misses because alone they are only moderately strong. For each numeric or boolean feature
/// (not acknowledged in the spec), a <see cref="LeakageQuickModel"/> without it predicts the label out of fold on the
/// <see cref="LeakageScreen.ModelSampleSize"/>-row sample; a row is predicted right when its probability is on its
/// class's side of the sample's positive rate (too few wrong: the <see cref="MinimumHardRows"/> hardest count as
/// wrong). Within each class the column's values are then scored against "predicted right" by ROC AUC
/// (<see cref="LeakageAgreement"/>). A legitimate feature moves the prediction, so it goes with right predictions in one
/// class and wrong ones in the other (or with neither); a column that goes with right predictions in both classes
/// tracks where models err. A legitimate feature with a U-shaped effect can look alike, which is why a flag also needs
/// the column to remove most of the model's remaining error (<see cref="LeakageAgreement.Flags"/>). Cost: one model per
/// candidate and fold on at most 10,000 rows whatever the file's size.
/// </summary>
internal static class LeakageAgreementScreen
{
    public const int Folds = 3;

    /// <summary>Each class needs this many rows predicted right and this many predicted wrong for a verdict.</summary>
    public const int MinimumRowsPerOutcome = 20;

    /// <summary>
    /// When a class has fewer rows predicted wrong than this, its hardest rows (lowest probability of their own class)
    /// stand in for them, so that a strong model on a small file still gives the screen enough rows to judge.
    /// </summary>
    public const int MinimumHardRows = 30;

    /// <summary>The screen's figures by column name; empty when turned off, or the sample is too small or has one class.</summary>
    public static IReadOnlyDictionary<string, LeakageAgreement> Run(DatasetSpec spec, LeakageScreen screen)
    {
        var result = new Dictionary<string, LeakageAgreement>();
        if (spec.LeakageScreen.AgreementRocAuc >= 1) return result; // turned off
        var (values, labels) = screen.ModelSample();
        var rows = labels.Length;
        var positives = labels.Count(l => l);
        var modelColumns = Enumerable.Range(0, spec.Columns.Count).Where(c => values[c].Length > 0).ToArray();
        var candidates = modelColumns.Where(c => spec.Columns[c].ValueType is ColumnValueType.Numeric or ColumnValueType.Boolean
            && !spec.AcknowledgedLeakage.ContainsKey(spec.Columns[c].Name)).ToArray();
        if (candidates.Length == 0 || positives < MinimumRowsPerOutcome || rows - positives < MinimumRowsPerOutcome || modelColumns.Length < 2)
            return result;
        var model = new LeakageQuickModel(modelColumns.Select(c => values[c]).ToArray(),
            modelColumns.Select(c => spec.Columns[c].ValueType == ColumnValueType.Categorical).ToArray(), labels, rows);
        var all = Enumerable.Repeat(true, modelColumns.Length).ToArray();
        var withAll = Auc(model.OutOfFold(all, Folds), labels) ?? 0.5;
        var positiveRate = (double)positives / rows;
        // Candidates in parallel (each model is independent and deterministic); results kept in candidate order.
        var figures = new LeakageAgreement?[candidates.Length];
        Parallel.For(0, candidates.Length, k =>
        {
            var candidate = candidates[k];
            var use = all.ToArray();
            use[Array.IndexOf(modelColumns, candidate)] = false;
            var predicted = model.OutOfFold(use, Folds);
            var column = values[candidate];
            double? Within(bool positiveClass)
            {
                // The probability the model gives the row's own class; wrong when on the other side of the positive rate.
                var own = Enumerable.Range(0, rows).Where(i => labels[i] == positiveClass && !double.IsNaN(column[i]))
                    .Select(i => (Row: i, P: positiveClass ? predicted[i] : 1 - predicted[i])).ToArray();
                if (own.Length < 2 * MinimumHardRows) return null;
                var boundary = positiveClass ? positiveRate : 1 - positiveRate;
                if (own.Count(o => o.P < boundary) < MinimumHardRows)
                    boundary = own.Select(o => o.P).Order().ElementAt(MinimumHardRows); // too few errors: the hardest rows stand in
                var keys = own.Select(o => column[o.Row]).ToArray();
                var right = own.Select(o => o.P >= boundary).ToArray();
                var rightCount = right.Count(r => r);
                return rightCount < MinimumRowsPerOutcome || own.Length - rightCount < MinimumRowsPerOutcome ? null : LeakageRankAuc.Compute(keys, right, own.Length);
            }
            if (Within(true) is not { } amongPositives || Within(false) is not { } amongNegatives) return;
            var (p, n) = (amongPositives - 0.5, amongNegatives - 0.5);
            var without = Auc(predicted, labels) ?? 0.5;
            figures[k] = new LeakageAgreement
            {
                CorrectAmongPositivesRocAuc = Math.Round(amongPositives, 4),
                CorrectAmongNegativesRocAuc = Math.Round(amongNegatives, 4),
                RocAuc = Math.Round(p * n > 0 ? 0.5 + Math.Min(Math.Abs(p), Math.Abs(n)) : 0.5, 4),
                ModelRocAucWithout = Math.Round(without, 4),
                ErrorReduction = Math.Round(without >= 1 ? 0 : (withAll - without) / (1 - without), 4),
                ModelRocAucWith = Math.Round(withAll, 4),
                Rows = rows,
            };
        });
        for (var k = 0; k < candidates.Length; k++)
            if (figures[k] is { } figure) result[spec.Columns[candidates[k]].Name] = figure;
        return result;
    }

    private static double? Auc(double[] scores, bool[] labels) =>
        LeakageRankAuc.Compute(scores.ToArray(), labels.ToArray(), scores.Length);
}
