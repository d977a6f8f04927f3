using System.Text.Json;

namespace Pipeline.Monitoring;

/// <summary>The verdict part of a drift report (report.json), as the report index reads it back.</summary>
/// <param name="DriftDetected">Whether drift was found.</param>
/// <param name="DriftedFeatures">The features over their threshold.</param>
public sealed record DriftVerdict(bool DriftDetected, IReadOnlyList<string> DriftedFeatures)
{
    static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Reads the verdict of the drift report <paramref name="path"/>, or null when it is missing or unreadable.</summary>
    public static DriftVerdict? TryRead(string path)
    {
        try { return File.Exists(path) ? JsonSerializer.Deserialize<DriftVerdict>(File.ReadAllText(path), Json) : null; }
        catch (JsonException) { return null; }
    }

    /// <summary>The verdict in a few words.</summary>
    public override string ToString() => DriftDetected
        ? $"drift in {string.Join(", ", DriftedFeatures)}"
        : "no drift";
}
