namespace Pipeline.Modeling.Promotion;

/// <summary>One model's predictions on the held-out rows (same rows, same order as the labels).</summary>
/// <param name="Probabilities">Predicted probability of the positive class per row.</param>
/// <param name="Threshold">The model's own decision threshold (for threshold metrics such as F1).</param>
/// <param name="DataSource">Where the model's training data came from (null or empty when unknown).</param>
public sealed record ScoredPredictions(IReadOnlyList<float> Probabilities, double Threshold, string? DataSource = null);
