using Pipeline.Modeling.Configuration;

namespace Pipeline.Modeling.Gate;

/// <summary>
/// The metric gate, Verify-style: the received snapshot is written next to the committed verified one and compared
/// under per-metric tolerances and absolute floors; <see cref="Accept"/> copies received over verified.
/// </summary>
public static class MetricGate
{
    /// <summary>Writes <paramref name="received"/> to its received file and compares it with the verified snapshot.</summary>
    /// <param name="received">The new metrics.</param>
    /// <param name="location">Where the verified and received files are.</param>
    /// <param name="settings">Tolerances, floors and the missing-snapshot policy.</param>
    public static GateResult Check(MetricSnapshot received, SnapshotLocation location, GateSettings settings)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(location.ReceivedPath)!);
        File.WriteAllText(location.ReceivedPath, received.ToJson());

        MetricSnapshot? verified = File.Exists(location.VerifiedPath) ? MetricSnapshot.Read(location.VerifiedPath) : null;
        string? problem = null;
        if (verified is null)
            problem = $"No verified metric snapshot exists for dataset '{received.Dataset}' with data hash {SnapshotLocation.ShortHash(received.DataHash)} ({location.VerifiedPath}).";
        else if (!string.Equals(verified.DataHash, received.DataHash, StringComparison.OrdinalIgnoreCase))
        {
            problem = $"The verified snapshot {location.VerifiedPath} was measured on data {SnapshotLocation.ShortHash(verified.DataHash)}, but this data is {SnapshotLocation.ShortHash(received.DataHash)}: the data changed.";
            verified = null;
        }
        else if (verified.Dataset != received.Dataset)
        {
            problem = $"The verified snapshot {location.VerifiedPath} belongs to dataset '{verified.Dataset}', not '{received.Dataset}'.";
            verified = null;
        }

        var rows = new List<MetricComparison>();
        foreach (var metric in MetricNames.All.Where(received.Metrics.ContainsKey))
        {
            var value = received.Metrics[metric];
            var tolerance = settings.ToleranceOf(metric);
            double? floor = settings.Floors.TryGetValue(metric, out var f) ? f : null;
            double? old = verified is not null && verified.Metrics.TryGetValue(metric, out var o) ? o : null;
            var higherIsBetter = MetricNames.HigherIsBetter(metric);
            // Positive = better, whatever the metric's direction.
            double? gain = old is { } before ? (higherIsBetter ? value - before : before - value) : null;
            var verdict =
                floor is { } limit && (higherIsBetter ? value < limit : value > limit) ? MetricVerdict.BelowFloor
                : gain is null ? MetricVerdict.New
                : gain < -tolerance - 1e-12 ? MetricVerdict.Regressed
                : gain > tolerance + 1e-12 ? MetricVerdict.Improved
                : MetricVerdict.Unchanged;
            rows.Add(new MetricComparison(metric, old, value, tolerance, floor, verdict));
        }

        // Like Verify: a received file identical to the verified one has nothing to review, so it is not left behind.
        if (File.Exists(location.VerifiedPath) && File.ReadAllText(location.VerifiedPath) == File.ReadAllText(location.ReceivedPath))
            File.Delete(location.ReceivedPath);

        var passed = rows.All(r => !r.Fails) && (problem is null || settings.OnMissingSnapshot == MissingSnapshotPolicy.Warn);
        return new GateResult(location, verified is not null, problem, rows, passed);
    }

    /// <summary>
    /// Copies every <c>*.received.json</c> in <paramref name="datasetDirectory"/> over its <c>*.verified.json</c>
    /// and deletes the received file; returns the verified paths written.
    /// </summary>
    /// <exception cref="ModelingException">There is nothing to accept.</exception>
    public static IReadOnlyList<string> Accept(string datasetDirectory)
    {
        var received = Directory.Exists(datasetDirectory)
            ? Directory.GetFiles(datasetDirectory, "*.received.json").Order(StringComparer.Ordinal).ToArray()
            : [];
        if (received.Length == 0)
            throw new ModelingException($"There is no received metric snapshot in {datasetDirectory} to accept; run the Evaluate target first.");
        var accepted = new List<string>();
        foreach (var path in received)
        {
            MetricSnapshot.Read(path); // refuse to accept a file that is not a snapshot
            var verified = path[..^".received.json".Length] + ".verified.json";
            File.Copy(path, verified, overwrite: true);
            File.Delete(path);
            accepted.Add(verified);
        }
        return accepted;
    }
}
