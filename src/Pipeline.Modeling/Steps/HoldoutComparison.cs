using Pipeline.Data.Loading;
using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Features;
using Pipeline.Modeling.Promotion;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Scoring;
using Pipeline.Modeling.Training;

namespace Pipeline.Modeling.Steps;

/// <summary>Champion and challenger on a retrain's held-out recent rows, and the promotion rule's verdict.</summary>
/// <param name="ChampionVersion">The production version compared.</param>
/// <param name="Rows">Held-out rows.</param>
/// <param name="Positives">Positive rows among them.</param>
/// <param name="Champion">The champion's metrics on them.</param>
/// <param name="Challenger">The trained model's metrics on them.</param>
/// <param name="Decision">The promotion rule's verdict.</param>
public sealed record HoldoutComparison(int ChampionVersion, int Rows, int Positives, BinaryMetrics Champion, BinaryMetrics Challenger, PromotionDecision Decision)
{
    /// <summary>The verdict as metrics.json and Register record it.</summary>
    public PromotionRecord ToRecord() => new(ChampionVersion, Decision.Metric, Decision.Difference, Defined(Decision.Lower), Defined(Decision.Upper),
        Decision.Confidence, Decision.Margin, Decision.Promote, Decision.Sentence, Decision.DifferentDataSources);

    /// <summary>The figures in one sentence.</summary>
    public string Figures =>
        $"on {Rows} held-out recent rows ({Positives} positive): champion v{ChampionVersion} PR AUC {Champion.PrAuc:F4}, F1 {Champion.F1:F4}, ROC AUC {Champion.RocAuc:F4}; " +
        $"challenger PR AUC {Challenger.PrAuc:F4}, F1 {Challenger.F1:F4}, ROC AUC {Challenger.RocAuc:F4}";

    static double? Defined(double value) => double.IsNaN(value) ? null : value;

    /// <summary>
    /// Scores the trained model (the workspace's model.zip, checked against Train's summary) and the production model
    /// on every row of <paramref name="holdout"/> and applies the promotion rule; null when there is no production model.
    /// </summary>
    /// <exception cref="ModelingException">The trained model is missing or not Train's, or a model cannot score the rows.</exception>
    public static HoldoutComparison? Of(Workspace workspace, Dataset holdout, PromotionSettings promotion)
    {
        using var registry = workspace.OpenRegistry();
        if (registry.Stages.Production is not { } version) return null;
        var features = DatasetFeatures.From(holdout);
        var labels = features.All.Labels;
        var summary = TrainingSummary.Read(workspace.TrainingSummaryPath);
        var (modelBytes, _) = TrainedModelFile.Read(workspace, summary);
        float[] challenger;
        using (var predictor = FeaturePredictor.Load(modelBytes, workspace.ModelPath, features.All.FeatureNames.Count))
            challenger = predictor.Predict(features.All.Rows);
        using var champion = ScoringModel.Load(registry.LocalVersionDirectory(version));
        var records = Enumerable.Range(0, holdout.RowCount).Select(features.Record).ToList();
        var championProbabilities = champion.ScoreBatch(records).Select(s => (float)s.Probability).ToArray();
        var decision = new PromotionRule(promotion).Decide(labels,
            new ScoredPredictions(championProbabilities, champion.Threshold, champion.Metadata.Lineage.DataSource),
            new ScoredPredictions(challenger, summary.Lineage.Threshold, summary.Lineage.DataSource));
        return new HoldoutComparison(version, labels.Length, labels.Count(l => l),
            BinaryMetrics.Compute(championProbabilities, labels, champion.Threshold), BinaryMetrics.Compute(challenger, labels, summary.Lineage.Threshold), decision);
    }
}
