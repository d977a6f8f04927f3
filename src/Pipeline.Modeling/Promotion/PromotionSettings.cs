using Pipeline.Modeling.Configuration;

namespace Pipeline.Modeling.Promotion;

/// <summary>
/// The promotion rule's configuration (<c>promotion</c> in training.json).
/// </summary>
/// <param name="PrimaryMetric">
/// The metric compared (a <see cref="MetricNames"/> name). Default <c>prAuc</c>: it is what Train selects candidates
/// by, so one metric decides from search to promotion; it does not depend on either model's decision threshold (F1 at
/// a threshold jumps with a single row near it); and for a rare positive class (AI4I: 3.4 % failures) it moves with
/// the ranking of the positives where ROC AUC, dominated by the many easy negatives, barely does.
/// </param>
/// <param name="Margin">How much better (in the metric's units, improvement direction) the challenger must be: the interval's lower bound must exceed it.</param>
/// <param name="Resamples">Bootstrap resamples of the held-out rows.</param>
/// <param name="Confidence">Confidence level of the interval (e.g. 0.95).</param>
/// <param name="Seed">Seed of the resampling, so a decision is reproducible.</param>
public sealed record PromotionSettings(string PrimaryMetric, double Margin, int Resamples, double Confidence, int Seed)
{
    /// <summary>PR AUC, margin 0, 1,000 resamples, 95 %, seed 42.</summary>
    public static PromotionSettings Default { get; } = new(MetricNames.PrAuc, 0.0, 1000, 0.95, 42);
}
