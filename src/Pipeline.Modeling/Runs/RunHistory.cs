using System.Globalization;
using System.Text.Json;

namespace Pipeline.Modeling.Runs;

/// <summary>The run history: one JSON file per run in a folder (by default artifacts/&lt;dataset&gt;/runs), listable and comparable.</summary>
public sealed class RunHistory
{
    /// <summary>Opens the history in <paramref name="directory"/> (created on first write).</summary>
    public RunHistory(string directory) => Directory = directory;

    /// <summary>The history's folder.</summary>
    public string Directory { get; }

    /// <summary>A new run id: sortable UTC time plus 6 random hex digits.</summary>
    public static string NewRunId(DateTimeOffset startedUtc) =>
        startedUtc.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..3]);

    /// <summary>Writes (or replaces) <paramref name="run"/>.</summary>
    public void Save(RunRecord run)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf(run.Lineage.RunId);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, run.ToJson());
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Every recorded run, oldest first.</summary>
    public IReadOnlyList<RunRecord> List()
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        return System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal).Select(Read).ToList();
    }

    /// <summary>The run whose id is, or starts with, <paramref name="idOrPrefix"/>.</summary>
    /// <exception cref="ModelingException">No run or several runs match.</exception>
    public RunRecord Find(string idOrPrefix)
    {
        // An exact id reads only its own file, so a damaged record of another run cannot block this one's update.
        if (idOrPrefix.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && !idOrPrefix.Contains("..", StringComparison.Ordinal)
            && File.Exists(PathOf(idOrPrefix)))
            return Read(PathOf(idOrPrefix));
        var runs = List();
        var exact = runs.FirstOrDefault(r => r.Lineage.RunId == idOrPrefix);
        if (exact is not null) return exact;
        var matches = runs.Where(r => r.Lineage.RunId.StartsWith(idOrPrefix, StringComparison.Ordinal)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new ModelingException($"No run '{idOrPrefix}' in the run history {Directory}; list runs with ./build.sh Runs."),
            _ => throw new ModelingException($"'{idOrPrefix}' matches {matches.Count} runs ({string.Join(", ", matches.Select(m => m.Lineage.RunId))}); give more of the id."),
        };
    }

    /// <summary>Replaces the run <paramref name="runId"/> by <paramref name="update"/> applied to it.</summary>
    public RunRecord Update(string runId, Func<RunRecord, RunRecord> update)
    {
        var updated = update(Find(runId));
        Save(updated);
        return updated;
    }

    string PathOf(string runId) => Path.Combine(Directory, runId + ".json");

    static RunRecord Read(string path)
    {
        try
        {
            return RunRecord.Parse(File.ReadAllText(path))
                ?? throw new ModelingException($"Run record {path} is empty (null); restore or delete it.");
        }
        catch (JsonException e)
        {
            throw new ModelingException($"Run record {path} is not valid {Pipeline.Data.JsonProblem.Describe(e)}; restore or delete it.", e);
        }
    }
}
