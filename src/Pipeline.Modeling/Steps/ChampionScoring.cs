using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Features;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Scoring;

namespace Pipeline.Modeling.Steps;

/// <summary>Champion vs challenger: the registry's production model scored on the same held-out rows as the trained model.</summary>
static class ChampionScoring
{
    /// <summary>The comparison, or null when there is no production model or it cannot score these rows (said in the log).</summary>
    public static ChampionComparison? Compare(ModelRegistry registry, DatasetFeatures features, BinaryMetrics challenger, StepLog log)
    {
        if (registry.Stages.Production is not { } version) { log.Info("Champion vs challenger: no production model in the registry yet."); return null; }
        try
        {
            using var champion = ScoringModel.Load(registry.VersionDirectory(version));
            var records = features.TestRows.Select(features.Record).ToList();
            var scores = champion.ScoreBatch(records);
            var metrics = BinaryMetrics.Compute(scores.Select(s => (float)s.Probability).ToArray(), features.Test.Labels, champion.Threshold);
            var comparison = new ChampionComparison(version, metrics, challenger);
            log.Info($"Champion (production v{version}): F1 {metrics.F1:F4}, ROC AUC {metrics.RocAuc:F4}; challenger: F1 {challenger.F1:F4}, ROC AUC {challenger.RocAuc:F4} → {(comparison.ChallengerWins ? "challenger wins" : "champion stays better")}.");
            return comparison;
        }
        catch (Exception e) when (e is ModelingException or Pipeline.Data.DataException or Pipeline.Data.Features.InputValidationException)
        {
            log.Warn($"The production model v{version} could not be scored for champion vs challenger: {e.Message}");
            return null;
        }
    }
}
