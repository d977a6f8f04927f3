using Pipeline.Modeling.Promotion;

namespace Pipeline.Modeling.Evaluation;

/// <summary>
/// The registry's production model (champion) scored on the same test rows as the new model (challenger), and the
/// promotion rule's verdict on them (<see cref="PromotionRule"/>: the one place that decides whether a challenger
/// replaces the champion).
/// </summary>
/// <param name="ChampionVersion">The production version.</param>
/// <param name="Champion">The champion's metrics at its own threshold.</param>
/// <param name="Challenger">The new model's metrics.</param>
/// <param name="Decision">The promotion rule's verdict for the challenger against this champion on these rows.</param>
public sealed record ChampionComparison(int ChampionVersion, BinaryMetrics Champion, BinaryMetrics Challenger, PromotionDecision Decision)
{
    /// <summary>True when the promotion rule promotes the challenger over this champion.</summary>
    public bool ChallengerWins => Decision.Promote;
}
