namespace Pipeline.Modeling.Registry;

/// <summary>The stages derived from the registry's event log, with the races found while replaying it.</summary>
/// <param name="Stages">Who holds which stage, and the production history a rollback walks back.</param>
/// <param name="Races">Stage changes that raced with another (empty when none did).</param>
/// <param name="FromEvents">False while the registry has only a legacy stages.json (read as its state) or no stage at all.</param>
public sealed record StageState(StageAssignments Stages, IReadOnlyList<StageRace> Races, bool FromEvents)
{
    /// <summary>
    /// Replays the stage events of <paramref name="events"/> in order, starting from <paramref name="initial"/>
    /// (a legacy stages.json, or nothing): the latest <see cref="StagesImported"/> replaces the state, each
    /// <see cref="StageChanged"/> applies, each deletion or archiving by retention removes the version.
    /// </summary>
    public static StageState Replay(StageAssignments initial, IEnumerable<StoredEvent> events)
    {
        var stages = initial;
        var races = new List<StageRace>();
        var fromEvents = false;
        foreach (var stored in events)
        {
            switch (stored.Event)
            {
                case StagesImported imported:
                    stages = imported.Stages;
                    fromEvents = true;
                    break;
                case StageChanged { Version: { } version } change:
                    if (change.ExpectedProduction != stages.Production)
                        races.Add(new StageRace(stored.Path, version, change.To, change.ExpectedProduction, stages.Production, change.Actor));
                    stages = change.IsRollback ? stages.RolledBackTo(version) : stages.Assign(version, change.To);
                    fromEvents = true;
                    break;
                case VersionPruned { Version: { } pruned }:
                    stages = stages.Without(pruned);
                    break;
            }
        }
        return new StageState(stages, races, fromEvents);
    }
}
