using System.IO.Compression;
using System.Text.Json;

namespace Pipeline.Modeling.Training;

/// <summary>
/// The file format of a model with cause models: a zip holding <c>composition.json</c> (the combination rule and
/// the members in order, the whole-label model first) and one ML.NET model zip per member under <c>members/</c>.
/// A model without cause models is saved as a plain ML.NET model zip, as before, so older registry versions load
/// unchanged. Entries carry a fixed timestamp, so the same training gives byte-identical files.
/// </summary>
public static class CompositeModelFile
{
    /// <summary>The entry that marks a composite model file.</summary>
    public const string CompositionEntry = "composition.json";

    /// <summary>The only combination rule written so far.</summary>
    public const string NoisyOr = "noisy-or";

    static readonly DateTimeOffset FixedTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    sealed record Composition(string Combine, IReadOnlyList<MemberEntry> Members);

    sealed record MemberEntry(string Name, string Entry);

    /// <summary>Writes the members (name → ML.NET model bytes, whole-label model first) to <paramref name="destination"/>.</summary>
    public static void Write(Stream destination, IReadOnlyList<(string Name, byte[] Model)> members)
    {
        using var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        var entries = members.Select((m, i) => new MemberEntry(m.Name, $"members/{i}.zip")).ToList();
        Add(zip, CompositionEntry, JsonSerializer.SerializeToUtf8Bytes(new Composition(NoisyOr, entries), new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }), CompressionLevel.Optimal);
        for (var i = 0; i < members.Count; i++)
            Add(zip, entries[i].Entry, members[i].Model, CompressionLevel.NoCompression); // already a zip
    }

    /// <summary>Copies <paramref name="source"/> (a zip) to <paramref name="destination"/> with every entry's timestamp fixed.</summary>
    public static void CopyWithFixedTimestamps(Stream source, Stream destination)
    {
        using var input = new ZipArchive(source, ZipArchiveMode.Read);
        using var output = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var entry in input.Entries)
        {
            var copy = output.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            copy.LastWriteTime = FixedTimestamp;
            using var from = entry.Open();
            using var to = copy.Open();
            from.CopyTo(to);
        }
    }

    /// <summary>
    /// The members of a composite model file, or null when <paramref name="modelBytes"/> is not one (a plain ML.NET
    /// model, or bytes that are no zip at all, which the ML.NET loader then reports).
    /// </summary>
    /// <exception cref="ModelingException">The file is a composite model but its composition or a member is damaged.</exception>
    public static IReadOnlyList<(string Name, byte[] Model)>? TryRead(byte[] modelBytes, string path)
    {
        ZipArchive zip;
        ZipArchiveEntry? composition;
        try { zip = new ZipArchive(new MemoryStream(modelBytes, writable: false), ZipArchiveMode.Read); }
        catch (InvalidDataException) { return null; }
        // The central directory is read lazily, so a truncated zip may only fail here.
        try { composition = zip.GetEntry(CompositionEntry); }
        catch (InvalidDataException)
        {
            zip.Dispose();
            return null;
        }
        using (zip)
        {
            if (composition is null) return null;
            Composition? parsed;
            try
            {
                using var stream = composition.Open();
                parsed = JsonSerializer.Deserialize<Composition>(stream, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
            }
            catch (Exception e) when (e is JsonException or InvalidDataException)
            {
                var problem = e is JsonException json ? Pipeline.Data.JsonProblem.Describe(json) : e.Message;
                throw new ModelingException($"Model file {path} has a damaged {CompositionEntry} ({problem}); train the model again.", e);
            }
            if (parsed?.Members is not { Count: > 0 } || parsed.Members.Any(m => m is null || string.IsNullOrEmpty(m.Entry)))
                throw new ModelingException($"Model file {path}: {CompositionEntry} lists no members; train the model again.");
            // Member names key the cause probabilities (/predict "causes", Evaluate's per-cause rows): a repeated or
            // missing name would silently merge or drop one.
            if (parsed.Members.Any(m => string.IsNullOrWhiteSpace(m.Name)) || parsed.Members.Select(m => m.Name).Distinct(StringComparer.Ordinal).Count() != parsed.Members.Count
                || parsed.Members.Select(m => m.Entry).Distinct(StringComparer.Ordinal).Count() != parsed.Members.Count)
                throw new ModelingException($"Model file {path}: {CompositionEntry} lists members [{string.Join(", ", parsed.Members.Select(m => $"'{m.Name}' ({m.Entry})"))}], but each member needs its own non-empty name and entry; it has been altered: train the model again.");
            if (parsed.Combine != NoisyOr)
                throw new ModelingException($"Model file {path}: {CompositionEntry} combines its members by '{parsed.Combine}', but this version knows only '{NoisyOr}'.");
            // A member entry the composition does not list means the file was altered: refuse it rather than score without it.
            var unlisted = zip.Entries.Select(e => e.FullName).Where(n => n != CompositionEntry && parsed.Members.All(m => m.Entry != n)).ToList();
            if (unlisted.Count > 0)
                throw new ModelingException($"Model file {path} holds {string.Join(", ", unlisted)}, which its {CompositionEntry} does not list; it has been altered: train the model again.");
            return parsed.Members.Select(m =>
            {
                var entry = zip.GetEntry(m.Entry) ?? throw new ModelingException($"Model file {path} lacks the member '{m.Name}' ({m.Entry}) its {CompositionEntry} lists; it is damaged: train the model again.");
                try
                {
                    using var stream = entry.Open();
                    using var copy = new MemoryStream();
                    stream.CopyTo(copy);
                    return (m.Name, copy.ToArray());
                }
                catch (InvalidDataException e)
                {
                    throw new ModelingException($"Model file {path}: member '{m.Name}' ({m.Entry}) cannot be read ({e.Message}); train the model again.", e);
                }
            }).ToList();
        }
    }

    static void Add(ZipArchive zip, string name, byte[] bytes, CompressionLevel level)
    {
        var entry = zip.CreateEntry(name, level);
        entry.LastWriteTime = FixedTimestamp;
        using var stream = entry.Open();
        stream.Write(bytes);
    }
}
