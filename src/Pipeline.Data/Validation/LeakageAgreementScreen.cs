using System.Runtime.CompilerServices;
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
        var positives = 0;
        foreach (var label in labels)
            if (label) positives++;
        // Plain loops rather than LINQ here and below: the screen runs once per validation, so the JIT compiling
        // LINQ's generic instantiations would cost more CPU than the loops themselves.
        var modelColumns = new List<int>();
        var candidates = new List<int>();
        for (var c = 0; c < spec.Columns.Count; c++)
        {
            if (values[c].Length == 0) continue;
            modelColumns.Add(c);
            if (spec.Columns[c].ValueType is ColumnValueType.Numeric or ColumnValueType.Boolean && !spec.AcknowledgedLeakage.ContainsKey(spec.Columns[c].Name))
                candidates.Add(c);
        }
        if (candidates.Count == 0 || positives < MinimumRowsPerOutcome || rows - positives < MinimumRowsPerOutcome || modelColumns.Count < 2)
            return result;
        var modelValues = new double[modelColumns.Count][];
        var categorical = new bool[modelColumns.Count];
        for (var m = 0; m < modelColumns.Count; m++)
        {
            modelValues[m] = values[modelColumns[m]];
            categorical[m] = spec.Columns[modelColumns[m]].ValueType == ColumnValueType.Categorical;
        }
        var model = new LeakageQuickModel(modelValues, categorical, labels, rows);
        var all = new bool[modelColumns.Count];
        for (var m = 0; m < all.Length; m++) all[m] = true;
        // The model with every column and one without each candidate, in parallel (each is independent and
        // deterministic): tasks, as the validation pass's chunks are, rather than Parallel.For and its own machinery.
        var predictions = new double[candidates.Count + 1][];
        var models = new Task[candidates.Count + 1];
        for (var k = 0; k <= candidates.Count; k++)
        {
            var use = (bool[])all.Clone();
            if (k > 0) use[modelColumns.IndexOf(candidates[k - 1])] = false;
            var index = k;
            models[k] = Task.Run(() => predictions[index] = model.OutOfFold(use, Folds));
        }
        Task.WaitAll(models);
        var withAll = Auc(predictions[0], labels) ?? 0.5;
        var positiveRate = (double)positives / rows;
        var figures = new LeakageAgreement?[candidates.Count];
        for (var k = 0; k < candidates.Count; k++)
        {
            var predicted = predictions[k + 1];
            var column = values[candidates[k]];
            if (Within(column, labels, predicted, positiveRate, true) is not { } amongPositives
                || Within(column, labels, predicted, positiveRate, false) is not { } amongNegatives)
                continue;
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
        }
        for (var k = 0; k < candidates.Count; k++)
            if (figures[k] is { } figure) result[spec.Columns[candidates[k]].Name] = figure;
        return result;
    }

    // Within one class: the ROC AUC with which the column's value ranks the rows predicted right above those predicted
    // wrong. The probability the model gives the row's own class; wrong when on the other side of the positive rate.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double? Within(double[] column, bool[] labels, double[] predicted, double positiveRate, bool positiveClass)
    {
        var own = 0;
        for (var i = 0; i < labels.Length; i++)
            if (labels[i] == positiveClass && !double.IsNaN(column[i])) own++;
        if (own < 2 * MinimumHardRows) return null;
        var keys = new double[own];
        var probabilities = new double[own];
        var boundary = positiveClass ? positiveRate : 1 - positiveRate;
        var wrong = 0;
        for (int i = 0, o = 0; i < labels.Length; i++)
        {
            if (labels[i] != positiveClass || double.IsNaN(column[i])) continue;
            keys[o] = column[i];
            var p = probabilities[o++] = positiveClass ? predicted[i] : 1 - predicted[i];
            if (p < boundary) wrong++;
        }
        if (wrong < MinimumHardRows)
        {
            // Too few errors: the hardest rows stand in.
            var sorted = (double[])probabilities.Clone();
            Array.Sort(sorted);
            boundary = sorted[MinimumHardRows];
        }
        var right = new bool[own];
        var rightCount = 0;
        for (var o = 0; o < own; o++)
            if (right[o] = probabilities[o] >= boundary) rightCount++;
        return rightCount < MinimumRowsPerOutcome || own - rightCount < MinimumRowsPerOutcome ? null : LeakageRankAuc.Compute(keys, right, own);
    }

    private static double? Auc(double[] scores, bool[] labels) =>
        LeakageRankAuc.Compute((double[])scores.Clone(), (bool[])labels.Clone(), scores.Length);
}
