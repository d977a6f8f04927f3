namespace Pipeline.Modeling.Registry;

/// <summary>A version retention kept although it is older than the newest N, and why.</summary>
/// <param name="Version">The version.</param>
/// <param name="Reason">Why it is kept ("production", "the last production, the rollback target", "deployed to local").</param>
public sealed record KeptVersion(int Version, string Reason);

/// <summary>What <see cref="ModelRegistry.Prune"/> did.</summary>
/// <param name="Mode">Archive or delete.</param>
/// <param name="Pruned">The versions archived or deleted, ascending.</param>
/// <param name="Protected">Versions beyond the newest N that were kept, with the reason.</param>
public sealed record PruneResult(PruneMode Mode, IReadOnlyList<int> Pruned, IReadOnlyList<KeptVersion> Protected)
{
    /// <summary>What was done, as a sentence.</summary>
    public string Message =>
        (Pruned.Count == 0 ? "Nothing to prune." : $"{(Mode == PruneMode.Archive ? "Archived" : "Deleted")} version{(Pruned.Count == 1 ? "" : "s")} {string.Join(", ", Pruned)}.") +
        (Protected.Count == 0 ? "" : " Kept: " + string.Join("; ", Protected.Select(k => $"v{k.Version} ({k.Reason})")) + ".");
}
