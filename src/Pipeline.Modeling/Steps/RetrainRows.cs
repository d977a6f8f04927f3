using Pipeline.Modeling.Configuration;

namespace Pipeline.Modeling.Steps;

/// <summary>One row a retrain trains on: a row of the reference data or of the recent data, by its index there.</summary>
/// <param name="FromReference">True for a reference row, false for a recent row.</param>
/// <param name="Index">The row's index (0-based, data rows only) in its data.</param>
public readonly record struct RetrainRow(bool FromReference, int Index);

/// <summary>
/// Which rows a retrain trains on and which it holds out, by the retrain policy: a stratified share of the recent
/// labelled rows is held out (drawn with the seed, so a rerun holds out the same rows) and never trained on; the rest
/// of the recent rows are trained on alone (<c>recent</c>), after every reference row (<c>reference+recent</c>), or as
/// the tail of that sequence (<c>sliding</c>: its last <c>slidingRows</c> rows).
/// </summary>
/// <param name="Training">The rows trained on, in order (reference rows first, each in its data's order).</param>
/// <param name="Holdout">Indices of the held-out recent rows, ascending.</param>
public sealed record RetrainRows(IReadOnlyList<RetrainRow> Training, IReadOnlyList<int> Holdout)
{
    /// <summary>Chooses the rows for <paramref name="referenceRows"/> reference rows and recent rows labelled <paramref name="recentLabels"/>.</summary>
    /// <exception cref="ModelingException">The holdout would lack a failing or a non-failing row, so the promotion rule could not compare on it.</exception>
    public static RetrainRows Choose(int referenceRows, IReadOnlyList<bool> recentLabels, RetrainPolicy policy, int seed)
    {
        var holdout = new List<int>();
        // The positives' share is rounded, the negatives make up the rest: the holdout is round(holdout × rows) in all.
        var total = Round(recentLabels.Count * policy.Holdout);
        foreach (var positive in new[] { true, false })
        {
            var rows = Enumerable.Range(0, recentLabels.Count).Where(i => recentLabels[i] == positive).ToArray();
            new Random(seed).Shuffle(rows);
            var take = positive ? Round(rows.Length * policy.Holdout) : Math.Min(rows.Length, total - holdout.Count);
            if (take == 0 || take == rows.Length)
                throw new ModelingException(
                    $"The recent data has {rows.Length} {(positive ? "positive" : "negative")} row(s) of {recentLabels.Count}; holding out retrain.holdout {policy.Holdout:0.##} of them " +
                    $"leaves {(take == 0 ? "none for the champion-vs-challenger comparison" : "none to train on")}. Give more labelled recent rows (or change retrain.holdout in training.json).");
            holdout.AddRange(rows.Take(take));
        }
        holdout.Sort();
        var heldOut = holdout.ToHashSet();
        var recent = Enumerable.Range(0, recentLabels.Count).Where(i => !heldOut.Contains(i)).Select(i => new RetrainRow(false, i));
        var reference = Enumerable.Range(0, referenceRows).Select(i => new RetrainRow(true, i));
        IReadOnlyList<RetrainRow> training = policy.Data switch
        {
            RetrainDataMode.Recent => recent.ToList(),
            RetrainDataMode.ReferenceAndRecent => reference.Concat(recent).ToList(),
            _ => reference.Concat(recent).TakeLast(policy.SlidingRows ?? int.MaxValue).ToList(),
        };
        return new RetrainRows(training, holdout);
    }

    static int Round(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);
}
