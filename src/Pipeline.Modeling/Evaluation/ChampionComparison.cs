namespace Pipeline.Modeling.Evaluation;

/// <summary>The registry's production model (champion) scored on the same test rows as the new model (challenger).</summary>
/// <param name="ChampionVersion">The production version.</param>
/// <param name="Champion">The champion's metrics at its own threshold.</param>
/// <param name="Challenger">The new model's metrics.</param>
public sealed record ChampionComparison(int ChampionVersion, BinaryMetrics Champion, BinaryMetrics Challenger)
{
    /// <summary>True when the challenger is at least as good on F1 and on ROC AUC.</summary>
    public bool ChallengerWins => Challenger.F1 >= Champion.F1 && Challenger.RocAuc >= Champion.RocAuc;
}
