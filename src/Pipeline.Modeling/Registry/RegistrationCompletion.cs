namespace Pipeline.Modeling.Registry;

/// <summary>What the shared registration steps need of a backend: its versions, its log, and its stage changes.</summary>
internal interface IRegistrationLog
{
    IReadOnlyList<int> Versions { get; }
    ModelMetadata Metadata(int version);
    IReadOnlyList<StoredEvent> ReadEvents();
    StageState StagesOf(IReadOnlyList<StoredEvent> events);
    StoredEvent AppendEvent(RegistryEvent @event, string? actor);
    (StageState State, StageRace? Race) AppendStageChange(StageState before, StageChanged change, string? actor);
    VersionVerification RequireIntact(int version, string refused);
}

/// <summary>
/// The steps of an idempotent registration both backends share, after their own commit (a folder rename, a vN tag):
/// finding a version by identity, recording it and giving it its stage, and finishing a version an interrupted writer
/// committed without recording or staging it.
/// </summary>
internal static class RegistrationCompletion
{
    /// <summary>The newest readable version with <paramref name="identity"/>, or null.</summary>
    public static ModelMetadata? FindByIdentity(IRegistrationLog log, IReadOnlyList<int> versions, VersionIdentity identity)
    {
        foreach (var version in versions.Reverse())
        {
            ModelMetadata metadata;
            try { metadata = log.Metadata(version); }
            catch (ModelingException) { continue; } // a damaged version is nobody's twin; Verify reports it
            if (VersionIdentity.Of(metadata) == identity) return metadata;
        }
        return null;
    }

    /// <summary>The Registered event, then the stage the request chooses.</summary>
    public static RegistrationResult RecordAndStage(IRegistrationLog log, ModelMetadata metadata, string? digest, RegistrationRequest request, RegistrationOutcome outcome, bool recordRegistration = true)
    {
        if (recordRegistration)
            log.AppendEvent(new VersionRegistered(digest, metadata.ModelSha256, metadata.Lineage.DataHash, metadata.Lineage.ConfigHash, metadata.Lineage.RunId, request.DataSource)
            {
                Version = metadata.Version,
                Reason = outcome == RegistrationOutcome.Finished ? "registration finished after an interrupted writer" : "",
            }, request.Actor);
        var events = log.ReadEvents();
        var state = log.StagesOf(events);
        if (request.ChooseStage is not null && state.Stages.StageOf(metadata.Version) is null && !HadStage(metadata.Version, events)
            && request.ChooseStage(state.Stages) is { } decision)
            state = log.AppendStageChange(state, new StageChanged(null, decision.Stage, state.Stages.Production) { Version = metadata.Version, Reason = decision.Reason }, request.Actor).State;
        return new RegistrationResult(metadata, outcome, digest, state.Stages.StageOf(metadata.Version), state.Races);
    }

    /// <summary>A version with this identity exists: returns it, or finishes what an interrupted writer left undone.</summary>
    public static RegistrationResult CompleteExisting(IRegistrationLog log, ModelMetadata existing, RegistrationRequest request)
    {
        var events = log.ReadEvents();
        var recorded = events.Any(e => e.Event is VersionRegistered { Version: var v } && v == existing.Version);
        var stages = log.StagesOf(events).Stages;
        var unstaged = stages.StageOf(existing.Version) is null && !HadStage(existing.Version, events) && request.ChooseStage is not null;
        if (recorded && !unstaged)
        {
            var digest = events.Select(e => e.Event).OfType<VersionRegistered>().Last(e => e.Version == existing.Version).Digest;
            return new RegistrationResult(existing, RegistrationOutcome.AlreadyRegistered, digest, stages.StageOf(existing.Version), []);
        }
        var verified = log.RequireIntact(existing.Version, $"Version {existing.Version} holds this model but its registration was interrupted, and it cannot be finished");
        return RecordAndStage(log, existing, verified.Digest, request, RegistrationOutcome.Finished, recordRegistration: !recorded);
    }

    /// <summary>True when the log gave <paramref name="version"/> a stage at some point (a later archive or prune does not make it new).</summary>
    public static bool HadStage(int version, IReadOnlyList<StoredEvent> events) =>
        events.Any(e => e.Event is StageChanged { Version: var v } && v == version);
}
