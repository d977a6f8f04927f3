namespace Pipeline.Modeling.Scoring;

/// <summary>The model's answer for one record.</summary>
/// <param name="Probability">Calibrated probability of the positive class (e.g. machine failure).</param>
/// <param name="Label">True when <paramref name="Probability"/> is at or above the model's threshold.</param>
public readonly record struct ScoreResult(double Probability, bool Label);
