using System.Text.Json;
using Pipeline.Oci;

namespace Pipeline.Modeling.Registry;

public sealed partial class OciModelRegistry
{
    /// <inheritdoc />
    /// <remarks>
    /// Every <c>event-&lt;time&gt;-&lt;sha12&gt;</c> tag, ordered by time then digest: concurrent writers append
    /// without coordination, and every reader sees the same order. Each event's sequence is its place in that order.
    /// An event already read is taken from the local cache (its content is immutable and verified by its digest).
    /// </remarks>
    public IReadOnlyList<StoredEvent> ReadEvents() => ReadEvents(Tags());

    IReadOnlyList<StoredEvent> ReadEvents(OciRegistryTags tags)
    {
        var eventTags = tags.Events;
        var events = new StoredEvent[eventTags.Count];
        Run(() => Parallel.ForEachAsync(Enumerable.Range(0, eventTags.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
        {
            var (bytes, digest) = await ReadEventAsync(eventTags[i], token);
            events[i] = new StoredEvent(ParseEvent(bytes, eventTags[i]) with { Sequence = i + 1 }, $"{Location}:{eventTags[i]}", digest["sha256:".Length..]);
        }));
        return events;
    }

    async Task<(byte[] Bytes, string Digest)> ReadEventAsync(string tag, CancellationToken token)
    {
        var prefix = OciRegistryTags.EventDigestPrefix(tag);
        var path = Path.Combine(CacheDirectory, RegistryLayout.EventsFolder, tag + ".json");
        if (File.Exists(path))
        {
            var cached = await File.ReadAllBytesAsync(path, token);
            var digest = OciDigest.Of(cached);
            if (digest["sha256:".Length..].StartsWith(prefix, StringComparison.Ordinal)) return (cached, digest);
        }
        var manifest = await GetListedManifestAsync(tag, token)
            ?? throw new OciException($"The event {tag} in {Location} disappeared while the log was read; events are never deleted, so check who deletes tags in this repository.");
        var parsed = OciManifest.Parse(manifest.Bytes, $"{tag} in {Location}");
        if (parsed.ArtifactType != EventArtifactType || !parsed.Config.Digest["sha256:".Length..].StartsWith(prefix, StringComparison.Ordinal))
            throw new OciException($"The registry event {tag} in {Location} points at content {parsed.Config.Digest} ({parsed.ArtifactType}), not an event whose digest starts with {prefix}: the tag was overwritten. Events are never changed; restore the tag or delete it by digest.");
        var bytes = await _client.GetBlobAsync(parsed.Config.Digest, MaxConfigBytes, token);
        WriteWhole(path, bytes);
        return (bytes, parsed.Config.Digest);
    }

    RegistryEvent ParseEvent(byte[] bytes, string tag)
    {
        try
        {
            return JsonSerializer.Deserialize<RegistryEvent>(bytes, ModelMetadata.Json)
                ?? throw new ModelingException($"The registry event {tag} in {Location} is empty (null).");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw new ModelingException($"The registry event {tag} in {Location} matches its digest but is not a valid event ({e.Message}); it may have been written by a newer version of Pipeline.", e);
        }
    }

    // Pushes the event as an immutable manifest (config = the event JSON) under its unique tag.
    StoredEvent AppendEvent(RegistryEvent @event, string? actor)
    {
        var stamped = @event with
        {
            Sequence = 0, // the place in the log is decided by reading it, not by the writer
            TimeUtc = @event.TimeUtc == default ? DateTimeOffset.UtcNow : @event.TimeUtc,
            Actor = actor ?? (@event.Actor.Length > 0 ? @event.Actor : RegistryActor.Current()),
        };
        var bytes = Utf8.GetBytes(JsonSerializer.Serialize(stamped, ModelMetadata.Json).ReplaceLineEndings("\n") + "\n");
        var digest = OciDigest.Of(bytes);
        var tag = OciRegistryTags.EventTagOf(stamped.TimeUtc, digest);
        Run(async () =>
        {
            var config = await _client.PushBlobAsync(bytes, EventMediaType);
            var manifest = OciManifest.Create(EventArtifactType, config, [], new Dictionary<string, string>
            {
                [OciManifest.CreatedAnnotation] = stamped.TimeUtc.UtcDateTime.ToString("O"),
                [WriterAnnotation] = WriterId,
            });
            await _client.PutManifestAsync(tag, manifest.ToBytes());
        });
        WriteWhole(Path.Combine(CacheDirectory, RegistryLayout.EventsFolder, tag + ".json"), bytes);
        return new StoredEvent(stamped, $"{Location}:{tag}", digest["sha256:".Length..]);
    }
}
