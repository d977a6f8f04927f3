namespace Pipeline.Scoring;

/// <summary>A registered version's answer for one record, as <c>/predict</c> gives it.</summary>
/// <param name="Probability">Calibrated probability of the positive class.</param>
/// <param name="Label">True when <paramref name="Probability"/> is at or above the version's threshold.</param>
/// <param name="Causes">Each cause model's probability by its column (empty without cause models).</param>
/// <param name="ModelVersion">The registry version that answered.</param>
public sealed record Prediction(double Probability, bool Label, IReadOnlyDictionary<string, double> Causes, int ModelVersion);
