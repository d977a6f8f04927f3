using System.Globalization;
using System.Text;
using System.Text.Json;
using Pipeline.Modeling.Configuration;

namespace Pipeline.Modeling.Registry;

/// <summary>The registry's versions as a typed listing, with a JSON writer (models.json) and a fixed-width table.</summary>
public static class RegistryListing
{
    /// <summary>The metrics the table shows (the JSON has every metric).</summary>
    public static readonly IReadOnlyList<string> KeyMetrics = [MetricNames.F1, MetricNames.RocAuc, MetricNames.PrAuc];

    /// <summary>One row per version of <paramref name="registry"/>, ascending; reads files and events, writes nothing.</summary>
    /// <exception cref="ModelingException">An event is damaged, or a legacy stages.json is.</exception>
    public static IReadOnlyList<VersionListing> Of(IModelRegistry registry)
    {
        var events = registry.ReadEvents().Select(e => e.Event).ToList();
        var stages = registry.StageState.Stages;
        var rows = new List<VersionListing>();
        foreach (var version in registry.Versions)
        {
            var about = events.Where(e => e.Version == version).ToList();
            var registered = about.OfType<VersionRegistered>().LastOrDefault();
            var image = about.OfType<ImageBuilt>().LastOrDefault();
            var deployment = about.OfType<Deployed>().LastOrDefault();
            var drift = about.OfType<DriftChecked>().LastOrDefault();
            var digest = registry.VersionDigest(version) ?? LegacyCoverage;
            try
            {
                var metadata = registry.Metadata(version);
                rows.Add(new VersionListing(version, stages.StageOf(version), metadata.CreatedUtc, registered?.DataSource ?? "", metadata.Lineage.DataHash,
                    metadata.Metrics, metadata.Lineage.RunId, metadata.Lineage.GitCommit, digest, image?.Digest,
                    deployment is null ? null : new DeploymentSummary(deployment.Environment, deployment.Endpoint, deployment.Image, deployment.TimeUtc),
                    drift?.Verdict, null));
            }
            catch (ModelingException e)
            {
                rows.Add(new VersionListing(version, stages.StageOf(version), registered?.TimeUtc ?? default, registered?.DataSource ?? "", registered?.DataHash ?? "",
                    new Dictionary<string, double>(), registered?.RunId ?? "", "", digest, image?.Digest, null, drift?.Verdict, e.Message));
            }
        }
        return rows;
    }

    /// <summary>What the listing and the lineage show for a version without a manifest.</summary>
    public const string LegacyCoverage = "legacy, model file only";

    /// <summary>The listing as indented JSON (an object with the dataset and its versions).</summary>
    public static string ToJson(string dataset, IReadOnlyList<VersionListing> rows) =>
        JsonSerializer.Serialize(new { dataset, versions = rows }, ModelMetadata.Json);

    /// <summary>Writes <see cref="ToJson"/> to <paramref name="path"/> (e.g. artifacts/&lt;dataset&gt;/models.json), creating its folder.</summary>
    public static void WriteJson(string path, string dataset, IReadOnlyList<VersionListing> rows)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, ToJson(dataset, rows));
    }

    /// <summary>The listing as a fixed-width text table, one line per version, for the console.</summary>
    public static string ToTable(IReadOnlyList<VersionListing> rows)
    {
        if (rows.Count == 0) return "No versions registered.";
        string[] header = ["version", "stage", "created (UTC)", "data", "f1", "rocAuc", "prAuc", "run", "commit", "digest", "image", "last deployment", "last drift"];
        var lines = rows.Select(r => new[]
        {
            r.Version.ToString(CultureInfo.InvariantCulture),
            r.Stage?.ToString().ToLowerInvariant() ?? "-",
            r.CreatedUtc == default ? "-" : r.CreatedUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            $"{(r.DataSource.Length == 0 ? "?" : Shorten(r.DataSource, 28))} {Short(r.DataHash)}",
            Metric(r, MetricNames.F1), Metric(r, MetricNames.RocAuc), Metric(r, MetricNames.PrAuc),
            r.RunId.Length == 0 ? "-" : r.RunId,
            r.GitCommit.Length == 0 ? "-" : Shorten(r.GitCommit, 13),
            r.Digest.StartsWith("sha256:", StringComparison.Ordinal) ? "sha256:" + Short(r.Digest["sha256:".Length..]) : r.Digest,
            r.ImageDigest is { } image ? Short(image.Replace("sha256:", "", StringComparison.Ordinal)) : "-",
            r.LastDeployment is { } d ? $"{d.Environment} {d.TimeUtc.UtcDateTime:yyyy-MM-dd HH:mm}" : "-",
            r.Problem is { } problem ? "UNREADABLE: " + Shorten(problem, 60) : r.LastDriftVerdict ?? "-",
        }).ToList();
        var widths = header.Select((h, c) => Math.Max(h.Length, lines.Max(l => l[c].Length))).ToArray();
        var text = new StringBuilder();
        void Line(string[] cells) => text.AppendLine(string.Join("  ", cells.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
        Line(header);
        foreach (var line in lines) Line(line);
        return text.ToString().TrimEnd();
    }

    static string Metric(VersionListing row, string name) =>
        row.Metrics.TryGetValue(name, out var value) ? value.ToString("F4", CultureInfo.InvariantCulture) : "-";

    static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash.Length == 0 ? "-" : hash;

    static string Shorten(string text, int max) => text.Length <= max ? text : "…" + text[^(max - 1)..];
}
