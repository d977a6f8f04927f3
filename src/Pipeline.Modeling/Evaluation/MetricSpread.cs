namespace Pipeline.Modeling.Evaluation;

/// <summary>Mean and standard deviation of one metric over the cross-validation folds.</summary>
public sealed record MetricSpread(double Mean, double StandardDeviation);
