namespace Pipeline.Modeling.Registry;

/// <summary>An event as stored in the log: its file and the SHA-256 of the file's bytes (the name carries its first 12 digits).</summary>
/// <param name="Event">The event.</param>
/// <param name="Path">The event's file.</param>
/// <param name="Sha256">SHA-256 (lower-case hex) of the file's bytes.</param>
public sealed record StoredEvent(RegistryEvent Event, string Path, string Sha256);
