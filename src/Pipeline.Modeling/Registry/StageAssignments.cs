using System.Text.Json;

namespace Pipeline.Modeling.Registry;

/// <summary>
/// Which version holds which stage, and the order in which versions went to production, which is what a rollback
/// walks back along. Derived from the registry's event log (<see cref="StageState.Replay"/>); <c>stages.json</c> is
/// a view of it rewritten after every stage change (write temp file, rename), read as the initial state only in a
/// legacy registry whose log has no stage event yet.
/// </summary>
public sealed record StageAssignments
{
    /// <summary>The production version (champion), if any.</summary>
    public int? Production { get; init; }
    /// <summary>The staging version, if any.</summary>
    public int? Staging { get; init; }
    /// <summary>Archived versions, ascending.</summary>
    public IReadOnlyList<int> Archived { get; init; } = [];
    /// <summary>Versions in the order they were promoted to production; the last one is the current production.</summary>
    public IReadOnlyList<int> ProductionHistory { get; init; } = [];

    /// <summary>The stage of <paramref name="version"/>, or null when it has none.</summary>
    public ModelStage? StageOf(int version) =>
        Production == version ? ModelStage.Production
        : Staging == version ? ModelStage.Staging
        : Archived.Contains(version) ? ModelStage.Archived
        : null;

    internal StageAssignments Assign(int version, ModelStage stage)
    {
        var archived = Archived.Where(v => v != version).ToList();
        var production = Production == version ? null : Production;
        var staging = Staging == version ? null : Staging;
        var history = ProductionHistory.ToList();
        switch (stage)
        {
            case ModelStage.Production:
                if (production is { } previous) archived.Add(previous);
                production = version;
                history.Add(version);
                break;
            case ModelStage.Staging:
                staging = version;
                break;
            case ModelStage.Archived:
                archived.Add(version);
                break;
        }
        return new StageAssignments { Production = production, Staging = staging, Archived = archived.Distinct().Order().ToList(), ProductionHistory = history };
    }

    internal StageAssignments RolledBack(string registry, out int restored)
    {
        if (Production is not { } current)
            throw new ModelingException($"The model registry {registry} has no production version to roll back; promote one first with ./build.sh Promote --model-version N.");
        var history = ProductionHistory.ToList();
        while (history.Count > 0 && history[^1] == current) history.RemoveAt(history.Count - 1);
        if (history.Count == 0)
            throw new ModelingException($"Version {current} is the first production version; there is no earlier one to roll back to.");
        var previous = history[^1];
        restored = previous;
        var archived = Archived.Where(v => v != previous).Append(current).Distinct().Order().ToList();
        return new StageAssignments { Production = previous, Staging = Staging == previous ? null : Staging, Archived = archived, ProductionHistory = history };
    }

    // Replays a rollback recorded in the event log: the production history is walked back to the restored version
    // (if a raced log no longer has it there, it becomes the history's end), and the version it replaced is archived.
    internal StageAssignments RolledBackTo(int version)
    {
        var history = ProductionHistory.ToList();
        while (history.Count > 0 && history[^1] == Production && Production != version) history.RemoveAt(history.Count - 1);
        if (history.Contains(version))
            while (history[^1] != version) history.RemoveAt(history.Count - 1);
        else
            history.Add(version);
        var archived = Archived.Where(v => v != version).ToList();
        if (Production is { } current && current != version) archived.Add(current);
        return new StageAssignments { Production = version, Staging = Staging == version ? null : Staging, Archived = archived.Distinct().Order().ToList(), ProductionHistory = history };
    }

    // A version removed by retention holds no stage and is no rollback target any more.
    internal StageAssignments Without(int version) => new()
    {
        Production = Production == version ? null : Production,
        Staging = Staging == version ? null : Staging,
        Archived = Archived.Where(v => v != version).ToList(),
        ProductionHistory = ProductionHistory.Where(v => v != version).ToList(),
    };

    // A missing file means no stage was ever assigned; a file that is present but unreadable, null or naming versions
    // that do not exist is damage, never "no stages": treating it as empty would silently drop production.
    internal static StageAssignments Read(string path, IReadOnlyCollection<int> registeredVersions)
    {
        if (!File.Exists(path)) return new StageAssignments();
        StageAssignments? stages;
        try
        {
            stages = JsonSerializer.Deserialize<StageAssignments>(File.ReadAllText(path), ModelMetadata.Json);
        }
        catch (JsonException e)
        {
            throw Damaged(path, $"is not valid {Pipeline.Data.JsonProblem.Describe(e)}", e);
        }
        if (stages is null)
            throw Damaged(path, "holds null; expected an object with production, staging, archived and productionHistory");
        if (stages.Archived is null || stages.ProductionHistory is null)
            throw Damaged(path, $"holds null in '{(stages.Archived is null ? "archived" : "productionHistory")}'; expected an array of version numbers");
        var named = new[] { (RegistryLayout.ProductionAlias, stages.Production) }.Append((RegistryLayout.StagingAlias, stages.Staging))
            .Concat(stages.Archived.Select(v => ("archived", (int?)v)))
            .Concat(stages.ProductionHistory.Select(v => ("productionHistory", (int?)v)));
        foreach (var (field, version) in named)
            if (version is { } v && !registeredVersions.Contains(v))
                throw Damaged(path, $"names version {v} in '{field}', but the registry has no such version (registered: {(registeredVersions.Count == 0 ? "none" : string.Join(", ", registeredVersions))})");
        return stages;
    }

    static ModelingException Damaged(string path, string problem, Exception? inner = null)
    {
        var message = $"The registry's stage file {path} {problem}. It was not changed; correct it by hand or restore it from a backup before using the registry.";
        return inner is null ? new ModelingException(message) : new ModelingException(message, inner);
    }

    internal void Write(string path)
    {
        var temporary = path + $".{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, ModelMetadata.Json));
        File.Move(temporary, path, overwrite: true);
    }
}
