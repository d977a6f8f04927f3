namespace Pipeline.Modeling.Registry;

/// <summary>What an idempotent registration did.</summary>
public enum RegistrationOutcome
{
    /// <summary>A new version was committed.</summary>
    Registered,
    /// <summary>A version with the same identity (model SHA-256, data hash, config hash) exists; nothing was written.</summary>
    AlreadyRegistered,
    /// <summary>A version with the same identity was committed by a writer that stopped before recording it or giving it a stage; its events were completed.</summary>
    Finished,
}

/// <summary>The version a registration maps to, and what was done.</summary>
/// <param name="Metadata">The version's metadata.</param>
/// <param name="Outcome">New, already registered, or finished.</param>
/// <param name="Digest">The version digest (sha256 of manifest.json); null for a legacy version.</param>
/// <param name="Stage">The version's stage after the registration (null: none).</param>
/// <param name="Races">Stage changes in the log that raced with another (for the caller to print).</param>
public sealed record RegistrationResult(ModelMetadata Metadata, RegistrationOutcome Outcome, string? Digest, ModelStage? Stage, IReadOnlyList<StageRace> Races)
{
    /// <summary>The version number.</summary>
    public int Version => Metadata.Version;

    /// <summary>What happened, as a sentence.</summary>
    public string Message => Outcome switch
    {
        RegistrationOutcome.AlreadyRegistered =>
            $"This model (SHA-256 {Short(Metadata.ModelSha256)}, data {Short(Metadata.Lineage.DataHash)}, configuration {Short(Metadata.Lineage.ConfigHash)}) is already registered as version {Version}{StageText}; nothing was registered.",
        RegistrationOutcome.Finished =>
            $"Version {Version} holds this model but its registration was interrupted (committed, not recorded or staged); it was finished{StageText}.",
        _ => $"Registered version {Version} ({Digest ?? "legacy, model file only"}){StageText}.",
    };

    string StageText => Stage is { } s ? $" ({s.ToString().ToLowerInvariant()})" : "";

    static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash.Length == 0 ? "none" : hash;
}

/// <summary>The stages after a stage change, and the race it ran into, if any.</summary>
/// <param name="Stages">The stages after the change.</param>
/// <param name="Race">The change raced with another (the writer saw another production than the log held); null when not.</param>
public sealed record StageChangeResult(StageAssignments Stages, StageRace? Race);

/// <summary>The production version a writer saw when it decided a stage change (null: none), checked against the log.</summary>
/// <param name="Version">The production version seen.</param>
public readonly record struct ObservedProduction(int? Version);
