using System.Text.Json.Serialization;

namespace Pipeline.Modeling.Registry;

/// <summary>
/// A fact about the registry recorded after a version's commit, appended to the event log (<c>events/</c>) and never
/// changed: versions stay immutable, and what happens to them later (stages, images, deployments, drift checks,
/// retrains, pruning) is a sequence of these. <see cref="Sequence"/>, <see cref="TimeUtc"/> and <see cref="Actor"/>
/// are filled in by the registry when the event is appended.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(VersionRegistered), "registered")]
[JsonDerivedType(typeof(StageChanged), "stageChanged")]
[JsonDerivedType(typeof(StagesImported), "stagesImported")]
[JsonDerivedType(typeof(ImageBuilt), "imageBuilt")]
[JsonDerivedType(typeof(Deployed), "deployed")]
[JsonDerivedType(typeof(DriftChecked), "driftChecked")]
[JsonDerivedType(typeof(RetrainTriggered), "retrainTriggered")]
[JsonDerivedType(typeof(RetrainDeferred), "retrainDeferred")]
[JsonDerivedType(typeof(VersionPruned), "pruned")]
public abstract record RegistryEvent
{
    /// <summary>Position in the log (1, 2, …); equal to the number in the event's file name.</summary>
    public long Sequence { get; init; }
    /// <summary>The version the fact is about (null for registry-wide events).</summary>
    public int? Version { get; init; }
    /// <summary>When it was recorded (UTC).</summary>
    public DateTimeOffset TimeUtc { get; init; }
    /// <summary>Who recorded it: user@host, or the CI system's actor and run.</summary>
    public string Actor { get; init; } = "";
    /// <summary>Why, in a sentence (may be empty).</summary>
    public string Reason { get; init; } = "";
}

/// <summary>A version was committed: its digest and identity.</summary>
/// <param name="Digest">The version digest (sha256 of manifest.json), or null for a legacy version without a manifest.</param>
/// <param name="ModelSha256">SHA-256 of the model file.</param>
/// <param name="DataHash">Content hash of the training data.</param>
/// <param name="ConfigHash">Hash of the training configuration.</param>
/// <param name="RunId">The training run.</param>
/// <param name="DataSource">Where the training data came from (a path, or the simulator's description); empty when unknown.</param>
public sealed record VersionRegistered(string? Digest, string ModelSha256, string DataHash, string ConfigHash, string RunId, string DataSource) : RegistryEvent;

/// <summary>
/// A version was given a stage. <paramref name="ExpectedProduction"/> is the production version the writer saw when
/// it decided; when the log says otherwise at this event's place, the change raced with another (see <see cref="StageRace"/>).
/// </summary>
/// <param name="From">The version's stage before, as the writer saw it (null: none).</param>
/// <param name="To">The new stage.</param>
/// <param name="ExpectedProduction">The production version the writer saw (null: none).</param>
/// <param name="IsRollback">True when this puts the previous production version back (walks the production history back).</param>
public sealed record StageChanged(ModelStage? From, ModelStage To, int? ExpectedProduction, bool IsRollback = false) : RegistryEvent;

/// <summary>The stages of a legacy <c>stages.json</c>, imported as the log's initial state by the first stage change after it.</summary>
/// <param name="Stages">The imported assignments.</param>
public sealed record StagesImported(StageAssignments Stages) : RegistryEvent;

/// <summary>A container image was built from the version.</summary>
/// <param name="Image">The image reference (repository:tag).</param>
/// <param name="Digest">The image digest (sha256:…), or its id when it was not pushed.</param>
/// <param name="Tags">Every tag given to it.</param>
public sealed record ImageBuilt(string Image, string Digest, IReadOnlyList<string> Tags) : RegistryEvent;

/// <summary>The version was deployed.</summary>
/// <param name="Environment">Where (local, kubernetes, …).</param>
/// <param name="Endpoint">The address it answers on.</param>
/// <param name="Image">The image that runs it.</param>
public sealed record Deployed(string Environment, string Endpoint, string Image) : RegistryEvent;

/// <summary>A drift check scored current data with the version.</summary>
/// <param name="Verdict">The verdict ("drift", "no drift").</param>
/// <param name="DriftedFeatures">Features over their threshold.</param>
/// <param name="CurrentData">What the current data was (file, inference log, rows).</param>
/// <param name="ReportPath">The drift report.</param>
public sealed record DriftChecked(string Verdict, IReadOnlyList<string> DriftedFeatures, string CurrentData, string ReportPath) : RegistryEvent
{
    /// <summary>The production model's estimated F1 on the whole current data (CBPE), when it scored them; null in older events.</summary>
    public EstimatedF1Summary? EstimatedF1 { get; init; }
    /// <summary>The window option the check ran with (e.g. <c>1h</c>, <c>5000rows</c>); null when it checked the data as one lump.</summary>
    public string? Window { get; init; }
    /// <summary>The check per window, in time order (the trend); null without <see cref="Window"/>.</summary>
    public IReadOnlyList<DriftWindowSummary>? Windows { get; init; }
}

/// <summary>Drift on the version triggered a retrain (<see cref="RegistryEvent.Version"/> is the version retrained from).</summary>
/// <param name="RetrainedVersion">The version the retrain registered, when known.</param>
public sealed record RetrainTriggered(int? RetrainedVersion) : RegistryEvent;

/// <summary>
/// Drift on the version asked for a retrain, but the retrain cooldown held (<see cref="RegistryEvent.Reason"/> says
/// until when); counted by the cooldown's <c>runs</c>.
/// </summary>
/// <param name="LastRetrainSequence">The <see cref="RetrainTriggered"/> event the cooldown counted from.</param>
public sealed record RetrainDeferred(long LastRetrainSequence) : RegistryEvent;

/// <summary>The version was removed by retention.</summary>
/// <param name="Mode">Archived (moved to the registry's archive folder) or deleted.</param>
public sealed record VersionPruned(PruneMode Mode) : RegistryEvent;

/// <summary>What retention does with a version it removes.</summary>
public enum PruneMode
{
    /// <summary>Moved to <c>archive/&lt;n&gt;</c> beside versions/, out of the listing, restorable by moving it back.</summary>
    Archive,
    /// <summary>Deleted (renamed into a trash folder first, so it disappears at once).</summary>
    Delete,
}
