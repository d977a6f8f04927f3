using System.Globalization;

namespace Pipeline.Modeling.Registry;

public sealed partial class ModelRegistry
{
    /// <summary>
    /// Retention: keeps the newest <paramref name="keep"/> versions and, whatever their age, the production version,
    /// the last production version before it (the rollback target) and every version a deployment still runs (the
    /// last Deployed event of each environment); archives (moves to <c>archive/&lt;n&gt;</c>) or deletes the others,
    /// each recorded as a Pruned event. Deleting renames the folder into a trash folder first, so the version
    /// disappears at once, then deletes it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="keep"/> is less than 1.</exception>
    public PruneResult Prune(int keep, PruneMode mode, string reason = "", string? actor = null)
    {
        if (keep < 1) throw new ArgumentOutOfRangeException(nameof(keep), keep, "Keep at least the newest version (--keep 1 or more).");
        using (RegistryLock.Acquire(Directory, LockTimeout))
        {
            EmptyTrash();
            var events = Events.ReadAll();
            var stages = ReadStageState(events).Stages;
            var (toPrune, kept) = RetentionPlan(Versions, keep, stages, events);
            var pruned = new List<int>();
            foreach (var version in toPrune)
            {
                Remove(version, mode);
                Events.Append(new VersionPruned(mode) { Version = version, Reason = reason }, actor);
                pruned.Add(version);
            }
            if (pruned.Count > 0 && File.Exists(StagesPath)) ReadStageState().Stages.Write(StagesPath);
            EmptyTrash();
            return new PruneResult(mode, pruned, kept);
        }
    }

    /// <summary>
    /// The retention rule both backends apply: beyond the newest <paramref name="keep"/> of <paramref name="versions"/>,
    /// every version goes but production, the last production before it and the last deployment of each environment.
    /// </summary>
    internal static (IReadOnlyList<int> Prune, IReadOnlyList<KeptVersion> Kept) RetentionPlan(
        IReadOnlyList<int> versions, int keep, StageAssignments stages, IReadOnlyList<StoredEvent> events)
    {
        var protectedVersions = new Dictionary<int, string>();
        if (stages.Production is { } production)
        {
            protectedVersions[production] = "production";
            if (stages.ProductionHistory.Reverse().FirstOrDefault(v => v != production) is var last and > 0)
                protectedVersions.TryAdd(last, "the last production, the rollback target");
        }
        foreach (var deployment in events.Select(e => e.Event).OfType<Deployed>().GroupBy(d => d.Environment).Select(g => g.Last()))
            if (deployment.Version is { } deployed)
                protectedVersions.TryAdd(deployed, $"deployed to {deployment.Environment}");

        var newest = versions.TakeLast(keep).ToHashSet();
        var prune = new List<int>();
        var kept = new List<KeptVersion>();
        foreach (var version in versions.Where(v => !newest.Contains(v)))
        {
            if (protectedVersions.TryGetValue(version, out var why)) kept.Add(new KeptVersion(version, why));
            else prune.Add(version);
        }
        return (prune, kept);
    }

    void Remove(int version, PruneMode mode)
    {
        var source = VersionDirectory(version);
        var target = mode == PruneMode.Archive
            ? Path.Combine(Directory, ArchiveFolder, version.ToString(CultureInfo.InvariantCulture))
            : Path.Combine(Directory, TrashFolder, $"{version}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        System.IO.Directory.Move(source, target);
        DurableFiles.FlushDirectory(Path.Combine(Directory, VersionsFolder));
    }

    // Deleted versions were renamed here first; a writer killed before deleting them leaves them for the next prune.
    void EmptyTrash()
    {
        var trash = Path.Combine(Directory, TrashFolder);
        if (!System.IO.Directory.Exists(trash)) return;
        foreach (var folder in System.IO.Directory.EnumerateDirectories(trash))
            System.IO.Directory.Delete(folder, recursive: true);
    }
}
