using System.Text.Json;

namespace Pipeline.Modeling.Registry;

/// <summary>
/// Which version holds which stage (<c>stages.json</c>), and the order in which versions went to production,
/// which is what a rollback walks back along. Replaced as a whole on every change (write temp file, rename).
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

    internal StageAssignments RolledBack(out int restored)
    {
        if (Production is not { } current)
            throw new ModelingException("There is no production version to roll back.");
        var history = ProductionHistory.ToList();
        while (history.Count > 0 && history[^1] == current) history.RemoveAt(history.Count - 1);
        if (history.Count == 0)
            throw new ModelingException($"Version {current} is the first production version; there is no earlier one to roll back to.");
        var previous = history[^1];
        restored = previous;
        var archived = Archived.Where(v => v != previous).Append(current).Distinct().Order().ToList();
        return new StageAssignments { Production = previous, Staging = Staging == previous ? null : Staging, Archived = archived, ProductionHistory = history };
    }

    internal static StageAssignments Read(string path)
    {
        if (!File.Exists(path)) return new StageAssignments();
        try
        {
            return JsonSerializer.Deserialize<StageAssignments>(File.ReadAllText(path), ModelMetadata.Json) ?? new StageAssignments();
        }
        catch (JsonException e)
        {
            throw new ModelingException($"The registry's stage file {path} is not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
    }

    internal void Write(string path)
    {
        var temporary = path + $".{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, ModelMetadata.Json));
        File.Move(temporary, path, overwrite: true);
    }
}
