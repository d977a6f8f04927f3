namespace Pipeline.Modeling.Registry;

public sealed partial class ModelRegistry
{
    /// <summary>Current stage assignments, derived from the event log.</summary>
    /// <exception cref="ModelingException">An event is damaged, or (in a legacy registry without stage events) stages.json is damaged.</exception>
    public StageAssignments Stages => ReadStageState().Stages;

    /// <summary>The stages derived from the event log, with every stage change that raced with another.</summary>
    /// <exception cref="ModelingException">An event is damaged, or (in a legacy registry without stage events) stages.json is damaged.</exception>
    public StageState StageState => ReadStageState();

    /// <summary>The production version's folder, or null when no version is in production.</summary>
    public string? ProductionDirectory => Stages.Production is { } v ? VersionDirectory(v) : null;

    /// <summary>Gives <paramref name="version"/> the <paramref name="stage"/>; the previous production version is archived.</summary>
    /// <exception cref="ModelingException">The version does not exist, or (for production and staging) its metadata is
    /// unreadable or one of its files fails verification: a model that could not be loaded is never put in front of traffic.
    /// Archiving such a version is allowed, since that retires it.</exception>
    public StageAssignments Promote(int version, ModelStage stage) => Promote(version, stage, "", observed: null).Stages;

    /// <summary>
    /// Gives <paramref name="version"/> the <paramref name="stage"/> for <paramref name="reason"/>, recorded as a
    /// StageChanged event. <paramref name="observed"/> is the production version the caller saw when it decided
    /// (null: whatever is production now); when the log holds another, the change is made and reported as a race.
    /// </summary>
    /// <exception cref="ModelingException">As <see cref="Promote(int, ModelStage)"/>.</exception>
    public StageChangeResult Promote(int version, ModelStage stage, string reason, ObservedProduction? observed, string? actor = null)
    {
        using (RegistryLock.Acquire(Directory, LockTimeout))
        {
            RequireVersion(version);
            var state = ReadStageState();
            if (stage != ModelStage.Archived) RequireIntact(version, $"Version {version} cannot be given the stage {stage.ToString().ToLowerInvariant()}");
            var change = new StageChanged(state.Stages.StageOf(version), stage, observed is { } seen ? seen.Version : state.Stages.Production) { Version = version, Reason = reason };
            var (updated, race) = AppendStageChange(state, change, actor);
            return new StageChangeResult(updated.Stages, race);
        }
    }

    /// <summary>Puts the previous production version back into production and archives the current one; returns the restored version.</summary>
    /// <exception cref="ModelingException">There is no production version, or no earlier one, or the earlier one fails verification.</exception>
    public int Rollback() => Rollback("", actor: null).Stages.Production!.Value;

    /// <summary>
    /// Walks the production history derived from the log back one step (the version before the current production),
    /// recorded as a StageChanged event with <paramref name="reason"/>.
    /// </summary>
    /// <exception cref="ModelingException">As <see cref="Rollback()"/>.</exception>
    public StageChangeResult Rollback(string reason, string? actor = null)
    {
        using (RegistryLock.Acquire(Directory, LockTimeout))
        {
            var state = ReadStageState();
            state.Stages.RolledBack(Directory, out var restored);
            RequireIntact(restored, $"Cannot roll back to version {restored}");
            var change = new StageChanged(state.Stages.StageOf(restored), ModelStage.Production, state.Stages.Production, IsRollback: true) { Version = restored, Reason = reason };
            var (updated, race) = AppendStageChange(state, change, actor);
            return new StageChangeResult(updated.Stages, race);
        }
    }

    /// <summary>
    /// Appends a fact that arrives after a version's commit: <see cref="ImageBuilt"/>, <see cref="Deployed"/>,
    /// <see cref="DriftChecked"/> or <see cref="RetrainTriggered"/> (stages, registrations and pruning are recorded by
    /// their own operations). The version it names must be registered.
    /// </summary>
    /// <exception cref="ArgumentException">The event is of a type recorded by another operation.</exception>
    /// <exception cref="ModelingException">The version is not registered.</exception>
    public StoredEvent Record(RegistryEvent @event, string? actor = null)
    {
        if (@event is StageChanged or StagesImported or VersionRegistered or VersionPruned)
            throw new ArgumentException($"A {@event.GetType().Name} event is recorded by the registry's own operation (Register, Promote, Rollback, Prune), not by Record.", nameof(@event));
        using (RegistryLock.Acquire(Directory, LockTimeout))
        {
            if (@event.Version is { } version) RequireVersion(version);
            return Events.Append(@event, actor);
        }
    }

    StageState ReadStageState() => ReadStageState(Events.ReadAll());

    // The log decides once it holds a stage event; before that a legacy stages.json (if any) is the initial state.
    StageState ReadStageState(IReadOnlyList<StoredEvent> events)
    {
        var logHasStages = events.Any(e => e.Event is StageChanged or StagesImported);
        var initial = logHasStages ? new StageAssignments() : StageAssignments.Read(StagesPath, Versions.Concat(ArchivedByRetention).ToList());
        return StageState.Replay(initial, events);
    }

    // Appends a stage change (the caller holds the lock); the first one after a legacy stages.json imports it first,
    // so the log alone holds the whole history. stages.json is rewritten as a view of the result.
    (StageState State, StageRace? Race) AppendStageChange(StageState before, StageChanged change, string? actor)
    {
        if (!before.FromEvents && File.Exists(StagesPath))
            Events.Append(new StagesImported(before.Stages) { Reason = $"migrated from {StagesPath}" }, actor);
        var stored = Events.Append(change, actor);
        var after = ReadStageState();
        after.Stages.Write(StagesPath);
        return (after, after.Races.FirstOrDefault(r => r.EventPath == stored.Path));
    }
}
