namespace Pipeline.Data.Validation;

/// <summary>
/// What the <see cref="LeakageAgreementScreen"/> measured for one column: how well it tells, within each class, the
/// rows a model without it predicts right from those it predicts wrong. A column computed from models' results (as
/// NSL-KDD's "difficulty": how many of 21 classifiers got the row right) points the same way in both classes.
/// </summary>
public sealed record LeakageAgreement
{
    /// <summary>
    /// Among positive rows: the ROC AUC with which the column's value ranks rows the model predicts right above
    /// those it predicts wrong (0.5: no relation; below 0.5: high values go with wrong predictions).
    /// </summary>
    public required double CorrectAmongPositivesRocAuc { get; init; }

    /// <summary>The same among negative rows.</summary>
    public required double CorrectAmongNegativesRocAuc { get; init; }

    /// <summary>
    /// 0.5 plus the smaller of the two AUCs' distances from 0.5 when both point the same way (the column tracks whether
    /// a prediction is right, whatever the class), else 0.5. A legitimate feature raises or lowers the predicted
    /// probability, so it goes with right predictions in one class and wrong ones in the other.
    /// </summary>
    public required double RocAuc { get; init; }

    /// <summary>The out-of-fold ROC AUC of the screen's model without the column.</summary>
    public required double ModelRocAucWithout { get; init; }

    /// <summary>The out-of-fold ROC AUC of the screen's model with every feature.</summary>
    public required double ModelRocAucWith { get; init; }

    /// <summary>
    /// The share of the model's remaining ranking error (1 − ROC AUC) that adding the column removes:
    /// (with − without) / (1 − without); near 1 when the column settles just the rows the model got wrong.
    /// </summary>
    public required double ErrorReduction { get; init; }

    /// <summary>The sampled rows the models were trained and judged on.</summary>
    public required int Rows { get; init; }

    /// <summary>The least share of the model's remaining error the column must remove to be flagged (see <see cref="Flags"/>).</summary>
    public const double MinimumErrorReduction = 0.5;

    /// <summary>
    /// Whether the figures make the column one computed from models' results: agreement ROC AUC at or above
    /// <paramref name="level"/> (the spec's <c>leakageScreen.agreementRocAuc</c>; 1 turns it off), and adding the column
    /// removes at least <see cref="MinimumErrorReduction"/> of the model's remaining error. The second condition keeps a
    /// legitimate feature with a U-shaped effect (AI4I's speed: failures at both ends) from being flagged on the first
    /// alone: it goes with wrong predictions in both classes, but adds little.
    /// </summary>
    public bool Flags(double level) => level < 1 && RocAuc >= level && ErrorReduction >= MinimumErrorReduction;
}
