using System.Text.Json;
using Pipeline.Modeling.Scoring;

namespace Pipeline.Delivery.Traffic;

/// <summary>
/// Reads a deployment's inference log (<see cref="InferenceLogFormat"/>): the answered requests in the folder and the
/// shadow challengers' records in its <see cref="InferenceLogFormat.ShadowFolder"/> subfolder.
/// </summary>
public static class LoggedTraffic
{
    /// <summary>Every record of the folder and its shadow subfolder, files in name (time) order.</summary>
    /// <exception cref="InvalidOperationException">The folder does not exist or holds no records; the message says which and what to do.</exception>
    public static IReadOnlyList<LoggedRecord> Read(string inferenceLogDirectory)
    {
        var full = Path.GetFullPath(inferenceLogDirectory);
        if (!Directory.Exists(full))
            throw new InvalidOperationException($"The inference log {full} does not exist; deploy with --canary-version or --shadow-version and send traffic first.");
        var files = Directory.GetFiles(full, InferenceLogFormat.SearchPattern).Order(StringComparer.Ordinal).ToList();
        var shadow = Path.Combine(full, InferenceLogFormat.ShadowFolder);
        if (Directory.Exists(shadow)) files.AddRange(Directory.GetFiles(shadow, InferenceLogFormat.SearchPattern).Order(StringComparer.Ordinal));
        var records = new List<LoggedRecord>();
        foreach (var file in files) ReadFile(file, records);
        return records.Count > 0
            ? records
            : throw new InvalidOperationException($"The inference log {full} holds no records ({InferenceLogFormat.SearchPattern}); send traffic to the deployment first.");
    }

    private static void ReadFile(string file, List<LoggedRecord> records)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0) continue;
            try
            {
                var root = JsonDocument.Parse(line).RootElement;
                records.Add(new LoggedRecord(
                    root.GetProperty(InferenceLogFormat.ModelVersion).GetString()!,
                    root.TryGetProperty(InferenceLogFormat.Role, out var role) ? role.GetString()! : InferenceLogFormat.ChampionRole,
                    root.TryGetProperty(InferenceLogFormat.RequestId, out var id) ? id.GetString() : null,
                    root.TryGetProperty(InferenceLogFormat.RoutingKey, out var key) ? key.GetString() : null,
                    root.GetProperty(InferenceLogFormat.Score).GetDouble(),
                    root.GetProperty(InferenceLogFormat.Features)));
            }
            catch (JsonException) when (reader.Peek() < 0)
            {
                // The service may be writing the last line right now: it is not a record yet.
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidOperationException($"{file}, line {number}, is not an inference log record ({e.Message}); expected the fields {InferenceLogFormat.ModelVersion}, {InferenceLogFormat.Score} and {InferenceLogFormat.Features}.", e);
            }
        }
    }
}
