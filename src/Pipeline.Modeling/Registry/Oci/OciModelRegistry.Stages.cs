namespace Pipeline.Modeling.Registry;

public sealed partial class OciModelRegistry
{
    /// <inheritdoc />
    public StageAssignments Stages => StageState.Stages;

    /// <inheritdoc />
    /// <remarks>An OCI registry has no legacy stages.json: the log alone is the state.</remarks>
    public StageState StageState => StageState.Replay(new StageAssignments(), ReadEvents());

    /// <inheritdoc />
    public StageChangeResult Promote(int version, ModelStage stage, string reason, ObservedProduction? observed, string? actor = null)
    {
        RequireVersion(version);
        var state = StageState;
        if (stage != ModelStage.Archived) RequireIntact(version, $"Version {version} cannot be given the stage {stage.ToString().ToLowerInvariant()}");
        var change = new StageChanged(state.Stages.StageOf(version), stage, observed is { } seen ? seen.Version : state.Stages.Production) { Version = version, Reason = reason };
        var (updated, race) = AppendStageChange(change, actor);
        return new StageChangeResult(updated.Stages, race);
    }

    /// <inheritdoc />
    public StageChangeResult Rollback(string reason, string? actor = null)
    {
        var state = StageState;
        state.Stages.RolledBack(Location, out var restored);
        RequireIntact(restored, $"Cannot roll back to version {restored}");
        var change = new StageChanged(state.Stages.StageOf(restored), ModelStage.Production, state.Stages.Production, IsRollback: true) { Version = restored, Reason = reason };
        var (updated, race) = AppendStageChange(change, actor);
        return new StageChangeResult(updated.Stages, race);
    }

    /// <inheritdoc />
    public StoredEvent Record(RegistryEvent @event, string? actor = null)
    {
        if (@event is StageChanged or StagesImported or VersionRegistered or VersionPruned)
            throw new ArgumentException($"A {@event.GetType().Name} event is recorded by the registry's own operation (Register, Promote, Rollback, Prune), not by Record.", nameof(@event));
        if (@event.Version is { } version) RequireVersion(version);
        return AppendEvent(@event, actor);
    }

    // Appends the change, then replays the log with it: a change its writer decided on another production than the
    // log holds at its place (another writer's change came first) is reported as a race.
    (StageState State, StageRace? Race) AppendStageChange(StageChanged change, string? actor)
    {
        var stored = AppendEvent(change, actor);
        var after = StageState;
        return (after, after.Races.FirstOrDefault(r => r.EventPath == stored.Path));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Deleting removes the version's manifest by digest (its vN and claim tags go with it; the blobs stay until the
    /// registry's garbage collection); archiving then pushes the same manifest under <c>archive-N</c>. The number is
    /// never given again (its events keep it in use).
    /// </remarks>
    public PruneResult Prune(int keep, PruneMode mode, string reason = "", string? actor = null)
    {
        if (keep < 1) throw new ArgumentOutOfRangeException(nameof(keep), keep, "Keep at least the newest version (--keep 1 or more).");
        var tags = Tags();
        var events = ReadEvents(tags);
        var (toPrune, kept) = ModelRegistry.RetentionPlan(tags.Versions, keep, StageState.Replay(new StageAssignments(), events).Stages, events);
        foreach (var version in toPrune)
        {
            var (_, bytes, digest) = RequireVersion(version);
            Run(() => _client.DeleteManifestAsync(digest));
            if (mode == PruneMode.Archive) Run(() => _client.PutManifestAsync(OciRegistryTags.ArchiveTagOf(version), bytes));
            AppendEvent(new VersionPruned(mode) { Version = version, Reason = reason }, actor);
            var cached = CachedVersionDirectory(version);
            if (Directory.Exists(cached)) Directory.Delete(cached, recursive: true);
        }
        return new PruneResult(mode, toPrune, kept);
    }

    /// <summary>Versions archived by <see cref="Prune"/>, ascending.</summary>
    public IReadOnlyList<int> ArchivedByRetention => Tags().Archived;
}
