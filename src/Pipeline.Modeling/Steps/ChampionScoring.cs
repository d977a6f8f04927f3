using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Features;
using Pipeline.Modeling.Promotion;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Scoring;

namespace Pipeline.Modeling.Steps;

/// <summary>
/// Champion vs challenger: the registry's production model scored on the same held-out rows as the trained model,
/// and the promotion rule's verdict on the two sets of probabilities.
/// </summary>
static class ChampionScoring
{
    /// <summary>The comparison, or null when there is no production model or it cannot score these rows (said in the log).</summary>
    /// <param name="registry">The dataset's registry.</param>
    /// <param name="features">The held-out rows.</param>
    /// <param name="challenger">The trained model's metrics on them.</param>
    /// <param name="challengerScores">The trained model's predictions on them (its probabilities, threshold and data source).</param>
    /// <param name="promotion">The promotion rule's settings (training.json's <c>promotion</c>).</param>
    /// <param name="log">Where the verdict is printed.</param>
    public static ChampionComparison? Compare(IModelRegistry registry, DatasetFeatures features, BinaryMetrics challenger, ScoredPredictions challengerScores,
        PromotionSettings promotion, StepLog log)
    {
        if (registry.Stages.Production is not { } version) { log.Info("Champion vs challenger: no production model in the registry yet."); return null; }
        try
        {
            using var champion = ScoringModel.Load(registry.LocalVersionDirectory(version));
            var records = features.TestRows.Select(features.Record).ToList();
            var probabilities = champion.ScoreBatch(records).Select(s => (float)s.Probability).ToArray();
            var metrics = BinaryMetrics.Compute(probabilities, features.Test.Labels, champion.Threshold);
            var decision = new PromotionRule(promotion).Decide(features.Test.Labels,
                new ScoredPredictions(probabilities, champion.Threshold, champion.Metadata.Lineage.DataSource), challengerScores);
            log.Info($"Champion (production v{version}): F1 {metrics.F1:F4}, ROC AUC {metrics.RocAuc:F4}, PR AUC {metrics.PrAuc:F4}; challenger: F1 {challenger.F1:F4}, ROC AUC {challenger.RocAuc:F4}, PR AUC {challenger.PrAuc:F4}.");
            log.Info($"Promotion rule against production v{version}: {decision.Sentence}");
            return new ChampionComparison(version, metrics, challenger, decision);
        }
        catch (Exception e) when (e is ModelingException or Pipeline.Data.DataException or Pipeline.Data.Features.InputValidationException)
        {
            log.Warn($"The production model v{version} could not be scored for champion vs challenger: {e.Message}");
            return null;
        }
    }
}
