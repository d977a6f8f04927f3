using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pipeline.Modeling.Registry;

/// <summary>
/// The registry's append-only event log: one immutable file per event, <c>events/&lt;sequence:D8&gt;-&lt;sha12&gt;.json</c>,
/// whose name carries the first 12 hex digits of the SHA-256 of its bytes, so a damaged or edited event is detected
/// and refused naming the file. Events are read in sequence order; two events with one sequence number (which a
/// backend without compare-and-swap can produce) are ordered by their hash, so every reader sees the same order.
/// </summary>
public sealed partial class EventLog
{
    /// <summary>Name of the log's folder inside a registry.</summary>
    public const string FolderName = RegistryLayout.EventsFolder;

    [GeneratedRegex(@"^(?<sequence>\d{8,})-(?<sha>[0-9a-f]{12})\.json$")]
    private static partial Regex EventFileName();

    /// <summary>The log in <paramref name="directory"/> (the registry's <c>events/</c> folder).</summary>
    public EventLog(string directory) => Directory = directory;

    /// <summary>The log's folder.</summary>
    public string Directory { get; }

    /// <summary>Every event, verified, in log order.</summary>
    /// <exception cref="ModelingException">An event file does not match the hash in its name, is not a valid event, or its sequence differs from its name.</exception>
    public IReadOnlyList<StoredEvent> ReadAll()
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        var files = new List<(long Sequence, string Sha, string Path)>();
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory))
        {
            var match = EventFileName().Match(Path.GetFileName(path));
            if (!match.Success) continue; // a temporary file of a writer, never an event
            files.Add((long.Parse(match.Groups["sequence"].Value, CultureInfo.InvariantCulture), match.Groups["sha"].Value, path));
        }
        return files.OrderBy(f => f.Sequence).ThenBy(f => f.Sha, StringComparer.Ordinal)
            .Select(f => Read(f.Path, f.Sequence, f.Sha)).ToList();
    }

    /// <summary>The sequence number the next event gets: one past the highest in the log.</summary>
    public long NextSequence()
    {
        if (!System.IO.Directory.Exists(Directory)) return 1;
        long highest = 0;
        foreach (var path in System.IO.Directory.EnumerateFiles(Directory))
        {
            var match = EventFileName().Match(Path.GetFileName(path));
            if (match.Success) highest = Math.Max(highest, long.Parse(match.Groups["sequence"].Value, CultureInfo.InvariantCulture));
        }
        return highest + 1;
    }

    /// <summary>
    /// Appends <paramref name="event"/> with the next sequence number, the time and the actor filled in. The caller
    /// holds the registry lock. The file is written under a temporary name, flushed to disk, and renamed: an event is
    /// either whole or absent.
    /// </summary>
    public StoredEvent Append(RegistryEvent @event, string? actor = null)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var stamped = @event with
        {
            Sequence = NextSequence(),
            TimeUtc = @event.TimeUtc == default ? DateTimeOffset.UtcNow : @event.TimeUtc,
            Actor = actor ?? (@event.Actor.Length > 0 ? @event.Actor : RegistryActor.Current()),
        };
        var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(stamped, ModelMetadata.Json).ReplaceLineEndings("\n") + "\n");
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var path = Path.Combine(Directory, $"{stamped.Sequence.ToString("D8", CultureInfo.InvariantCulture)}-{sha[..12]}.json");
        var temporary = Path.Combine(Directory, $".{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        DurableFiles.Write(temporary, bytes);
        File.Move(temporary, path, overwrite: false);
        DurableFiles.FlushDirectory(Directory);
        return new StoredEvent(stamped, path, sha);
    }

    static StoredEvent Read(string path, long sequence, string shaPrefix)
    {
        var bytes = File.ReadAllBytes(path);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!sha.StartsWith(shaPrefix, StringComparison.Ordinal))
            throw new ModelingException(
                $"The registry event {path} has SHA-256 {sha} but its name records {shaPrefix}…: it was damaged or edited after it was written. " +
                "Events are never changed; restore the file from a backup (or remove it if the fact it records is wrong, knowing the stages are replayed without it).");
        RegistryEvent? @event;
        try
        {
            @event = JsonSerializer.Deserialize<RegistryEvent>(bytes, ModelMetadata.Json);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw new ModelingException($"The registry event {path} matches its hash but is not a valid event ({e.Message}); it may have been written by a newer version of Pipeline.", e);
        }
        if (@event is null || @event.Sequence != sequence)
            throw new ModelingException($"The registry event {path} records sequence {@event?.Sequence.ToString(CultureInfo.InvariantCulture) ?? "none"} but its name says {sequence}; it was not written by the registry.");
        return new StoredEvent(@event, path, sha);
    }
}
