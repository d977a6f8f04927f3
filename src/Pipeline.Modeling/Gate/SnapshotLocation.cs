namespace Pipeline.Modeling.Gate;

/// <summary>
/// Where the verified and received snapshots of an evaluation live, in <c>models/&lt;dataset&gt;/</c>:
/// <c>metrics.verified.json</c> belongs to the embedded default data (whatever hash it records), and data given
/// with <c>--data</c> has its own <c>&lt;hash12&gt;.metrics.verified.json</c>, unless the default snapshot was
/// measured on exactly that data.
/// </summary>
public sealed record SnapshotLocation(string VerifiedPath, string ReceivedPath)
{
    /// <summary>File name of the default data's verified snapshot.</summary>
    public const string DefaultVerifiedName = "metrics.verified.json";

    /// <summary>Chooses the snapshot files for data with <paramref name="dataHash"/>.</summary>
    /// <param name="datasetDirectory">models/&lt;dataset&gt;.</param>
    /// <param name="dataHash">Content hash of the evaluated data.</param>
    /// <param name="isEmbeddedDefault">True when the data is the embedded default (no --data given).</param>
    public static SnapshotLocation For(string datasetDirectory, string dataHash, bool isEmbeddedDefault)
    {
        var defaultVerified = Path.Combine(datasetDirectory, DefaultVerifiedName);
        var useDefault = isEmbeddedDefault
            || (File.Exists(defaultVerified) && string.Equals(MetricSnapshot.Read(defaultVerified).DataHash, dataHash, StringComparison.OrdinalIgnoreCase));
        var prefix = useDefault ? "" : ShortHash(dataHash) + ".";
        return new SnapshotLocation(
            Path.Combine(datasetDirectory, $"{prefix}metrics.verified.json"),
            Path.Combine(datasetDirectory, $"{prefix}metrics.received.json"));
    }

    /// <summary>The first 12 hex digits of a content hash, as used in snapshot file names.</summary>
    public static string ShortHash(string hash) => hash.Length <= 12 ? hash.ToLowerInvariant() : hash[..12].ToLowerInvariant();
}
