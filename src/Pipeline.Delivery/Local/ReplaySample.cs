using System.Text.Json;
using Pipeline.Modeling.Scoring;

namespace Pipeline.Delivery.Local;

/// <summary>
/// The /predict bodies the SLO gate replays: recorded traffic (the features of the newest records of the deployment's
/// inference log, which the previous container wrote), else the model's own input example.
/// </summary>
/// <param name="Bodies">One JSON record per request, replayed in turn.</param>
/// <param name="Source">Where they came from, for the summary.</param>
public sealed record ReplaySample(IReadOnlyList<string> Bodies, string Source)
{
    /// <summary>
    /// Up to <paramref name="count"/> recorded requests from <paramref name="inferenceLogDirectory"/> (null or without
    /// records: none), else <paramref name="inputExample"/> (a record, or an array whose first record is taken).
    /// </summary>
    public static ReplaySample From(string? inferenceLogDirectory, JsonElement inputExample, int count)
    {
        var recorded = Recorded(inferenceLogDirectory, count);
        if (recorded.Count > 0)
        {
            return new ReplaySample(recorded, $"{recorded.Count} records recorded in {inferenceLogDirectory}");
        }
        var example = inputExample.ValueKind == JsonValueKind.Array && inputExample.GetArrayLength() > 0 ? inputExample[0] : inputExample;
        return new ReplaySample([example.GetRawText()], "the model's input example");
    }

    // Newest files first; within a file, its lines in order. Shadow records (a subfolder) are not the service's traffic.
    private static List<string> Recorded(string? directory, int count)
    {
        var bodies = new List<string>();
        if (directory is null || !Directory.Exists(directory))
        {
            return bodies;
        }
        foreach (var file in Directory.GetFiles(directory, InferenceLogFormat.SearchPattern).OrderDescending(StringComparer.Ordinal))
        {
            foreach (var line in ReadLines(file))
            {
                if (bodies.Count >= count) return bodies;
                try
                {
                    using var record = JsonDocument.Parse(line);
                    if (record.RootElement.TryGetProperty(InferenceLogFormat.Features, out var features) && features.ValueKind == JsonValueKind.Object)
                        bodies.Add(features.GetRawText());
                }
                catch (JsonException)
                {
                    // A line cut short while the service wrote it is no request to replay.
                }
            }
        }
        return bodies;
    }

    private static IEnumerable<string> ReadLines(string file)
    {
        try
        {
            // The running container may be appending: share the file.
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var lines = new List<string>();
            while (reader.ReadLine() is { } line) if (line.Length > 0) lines.Add(line);
            return lines;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
