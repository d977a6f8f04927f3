namespace Pipeline.Modeling.Registry;

/// <summary>
/// A model registry of one dataset, whatever stores it: a folder (<see cref="ModelRegistry"/>) or an OCI registry
/// (<see cref="OciModelRegistry"/>). Both give the same guarantees: immutable versions addressed by a digest,
/// idempotent registration, an append-only event log from which stages are derived, races reported, verification,
/// retention. Open one with <see cref="ModelRegistries.Open"/>.
/// </summary>
public interface IModelRegistry : IDisposable
{
    /// <summary>Where the registry is (a folder, or an oci:// address), for messages.</summary>
    string Location { get; }

    /// <summary>Registered version numbers, ascending (pruned versions excluded).</summary>
    IReadOnlyList<int> Versions { get; }

    /// <summary>The metadata of <paramref name="version"/>.</summary>
    /// <exception cref="ModelingException">The version does not exist, or its metadata is unreadable.</exception>
    ModelMetadata Metadata(int version);

    /// <summary>Current stage assignments, derived from the event log.</summary>
    StageAssignments Stages { get; }

    /// <summary>The stages derived from the event log, with every stage change that raced with another.</summary>
    StageState StageState { get; }

    /// <summary>Registers the model once (see <see cref="ModelRegistry.Register(RegistrationRequest, Action{RegistrationStep}?)"/>).</summary>
    RegistrationResult Register(RegistrationRequest request, Action<RegistrationStep>? onStep = null);

    /// <summary>Gives <paramref name="version"/> the <paramref name="stage"/>, recorded as a StageChanged event; a race is reported, not lost.</summary>
    StageChangeResult Promote(int version, ModelStage stage, string reason, ObservedProduction? observed, string? actor = null);

    /// <summary>Walks the production history back one step, recorded as a StageChanged event.</summary>
    StageChangeResult Rollback(string reason, string? actor = null);

    /// <summary>Appends a fact that arrives after a version's commit (image, deployment, drift check, retrain).</summary>
    StoredEvent Record(RegistryEvent @event, string? actor = null);

    /// <summary>Every event, verified, in the log's deterministic order.</summary>
    IReadOnlyList<StoredEvent> ReadEvents();

    /// <summary>Checks every file of <paramref name="version"/> against its manifest and the digest recorded at registration.</summary>
    /// <exception cref="ModelingException">A check fails; the sentence names the file and both digests.</exception>
    VersionVerification Verify(int version);

    /// <summary>Retention: keeps the newest <paramref name="keep"/> versions and every protected one, archives or deletes the rest.</summary>
    PruneResult Prune(int keep, PruneMode mode, string reason = "", string? actor = null);

    /// <summary>
    /// A local folder holding <paramref name="version"/> exactly as a folder registry stores it (model.zip, metadata.json,
    /// spec.json, …, manifest.json), for code that needs files: the scoring service, ScoringModel.Load, Containerize.
    /// </summary>
    /// <exception cref="ModelingException">The version does not exist, or its content does not match its digest.</exception>
    string LocalVersionDirectory(int version);

    /// <summary>The version digest as stored (not re-verified; <see cref="Verify"/> does), or null for a legacy version without a manifest.</summary>
    string? VersionDigest(int version);
}
