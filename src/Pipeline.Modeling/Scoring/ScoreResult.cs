namespace Pipeline.Modeling.Scoring;

/// <summary>The model's answer for one record.</summary>
/// <param name="Probability">Calibrated probability of the positive class (e.g. machine failure).</param>
/// <param name="Label">True when <paramref name="Probability"/> is at or above the model's threshold.</param>
/// <param name="CauseProbabilities">
/// With cause models, each cause model's probability in the order of <see cref="ScoringModel.CauseNames"/> (which
/// cause a positive is most likely due to); null without them.
/// </param>
public readonly record struct ScoreResult(double Probability, bool Label, float[]? CauseProbabilities = null);
