using System.Globalization;
using System.Text;

namespace Pipeline.Modeling.Registry;

/// <summary>
/// The chain of one version: data → run → version → image(s) → deployment(s) → drift checks → retrains, from its
/// metadata and the events that name it (<c>./build.sh Lineage --model-version N</c>).
/// </summary>
/// <param name="Version">The version's metadata (data and config hashes, run, commit, trainer, metrics).</param>
/// <param name="DataSource">Where the training data came from (empty when not recorded).</param>
/// <param name="Digest">The version digest, or "legacy, model file only".</param>
/// <param name="Stage">Its current stage (null: none).</param>
/// <param name="StageChanges">Its stage changes, in log order.</param>
/// <param name="Images">Images built from it.</param>
/// <param name="Deployments">Its deployments.</param>
/// <param name="DriftChecks">Drift checks that scored it.</param>
/// <param name="Retrains">Retrains its drift triggered.</param>
/// <param name="RetrainedFrom">The retrain that produced it (null when it was not a retrain).</param>
public sealed record VersionLineage(
    ModelMetadata Version, string DataSource, string Digest, ModelStage? Stage,
    IReadOnlyList<StageChanged> StageChanges, IReadOnlyList<ImageBuilt> Images, IReadOnlyList<Deployed> Deployments,
    IReadOnlyList<DriftChecked> DriftChecks, IReadOnlyList<RetrainTriggered> Retrains, RetrainTriggered? RetrainedFrom)
{
    /// <summary>The lineage of <paramref name="version"/> in <paramref name="registry"/>.</summary>
    /// <exception cref="ModelingException">The version is not registered, or its metadata or an event is damaged.</exception>
    public static VersionLineage Of(IModelRegistry registry, int version)
    {
        var metadata = registry.Metadata(version);
        var events = registry.ReadEvents().Select(e => e.Event).ToList();
        var about = events.Where(e => e.Version == version).ToList();
        return new VersionLineage(metadata,
            about.OfType<VersionRegistered>().LastOrDefault()?.DataSource ?? "",
            registry.VersionDigest(version) ?? RegistryListing.LegacyCoverage,
            registry.Stages.StageOf(version),
            about.OfType<StageChanged>().ToList(), about.OfType<ImageBuilt>().ToList(), about.OfType<Deployed>().ToList(),
            about.OfType<DriftChecked>().ToList(), about.OfType<RetrainTriggered>().ToList(),
            events.OfType<RetrainTriggered>().LastOrDefault(r => r.RetrainedVersion == version));
    }

    /// <summary>The chain as indented text, one link per line.</summary>
    public string ToText()
    {
        var v = Version;
        var text = new StringBuilder();
        text.AppendLine($"data      {(DataSource.Length == 0 ? "(source not recorded)" : DataSource)}, SHA-256 {v.Lineage.DataHash}");
        text.AppendLine($"run       {v.Lineage.RunId} at commit {v.Lineage.GitCommit}: {v.Lineage.Trainer}, configuration {v.Lineage.ConfigHash}");
        if (RetrainedFrom is { } from)
            text.AppendLine($"          retrained from v{from.Version} ({Time(from.TimeUtc)}{Why(from.Reason)})");
        text.AppendLine($"version   {v.Version} ({v.Lineage.Dataset}), {Digest}, registered {Time(v.CreatedUtc)}, stage {Stage?.ToString().ToLowerInvariant() ?? "none"}; " +
                        string.Join(", ", v.Metrics.Select(m => $"{m.Key} {m.Value.ToString("F4", CultureInfo.InvariantCulture)}")));
        foreach (var change in StageChanges)
            text.AppendLine($"  stage   {Time(change.TimeUtc)} → {change.To.ToString().ToLowerInvariant()}{(change.IsRollback ? " (rollback)" : "")} by {change.Actor}{Why(change.Reason)}");
        Section(text, "image", Images, i => $"{i.Image} {i.Digest}{(i.Tags.Count > 0 ? $" (tags {string.Join(", ", i.Tags)})" : "")}, {Time(i.TimeUtc)}");
        Section(text, "deployed", Deployments, d => $"{d.Environment} at {d.Endpoint}, image {d.Image}, {Time(d.TimeUtc)} by {d.Actor}");
        Section(text, "drift", DriftChecks, d => $"{Time(d.TimeUtc)}: {d.Verdict}{(d.DriftedFeatures.Count > 0 ? $" ({string.Join(", ", d.DriftedFeatures)})" : "")} on {d.CurrentData}, report {d.ReportPath}");
        Section(text, "retrain", Retrains, r => $"{Time(r.TimeUtc)}: {(r.RetrainedVersion is { } n ? $"registered v{n}" : "triggered")}{Why(r.Reason)}");
        return text.ToString().TrimEnd();
    }

    static void Section<T>(StringBuilder text, string label, IReadOnlyList<T> items, Func<T, string> describe)
    {
        if (items.Count == 0) { text.AppendLine($"{label,-9} none"); return; }
        foreach (var item in items) text.AppendLine($"{label,-9} {describe(item)}");
    }

    static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    static string Why(string reason) => reason.Length == 0 ? "" : $": {reason}";
}
