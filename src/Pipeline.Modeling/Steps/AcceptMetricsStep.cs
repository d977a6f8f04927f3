using Pipeline.Modeling.Gate;
using Pipeline.Modeling.Runs;

namespace Pipeline.Modeling.Steps;

/// <summary>AcceptMetrics: the last evaluation's received metric snapshots become the verified ones, to commit.</summary>
public sealed class AcceptMetricsStep(Workspace workspace, StepLog log)
{
    /// <summary>Copies every received metric snapshot of the dataset over its verified snapshot, saying for which data each is.</summary>
    public IReadOnlyList<string> Run()
    {
        var accepted = MetricGate.Accept(workspace.ModelsDirectory);
        var runs = new RunHistory(workspace.RunsDirectory).List();
        foreach (var path in accepted)
            log.Info($"Accepted {Path.GetRelativePath(workspace.RootDirectory, path)} for {DataOf(MetricSnapshot.Read(path), runs)}; commit it so the pull request shows the new numbers.");
        return accepted;
    }

    // The data a snapshot is for: its dataset and content hash, and where the newest run on data of that hash read it.
    static string DataOf(MetricSnapshot snapshot, IReadOnlyList<RunRecord> runs)
    {
        var source = runs.Where(r => string.Equals(r.Lineage.DataHash, snapshot.DataHash, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(r => r.StartedUtc).Select(r => r.Lineage.DataSource).FirstOrDefault(s => !string.IsNullOrEmpty(s));
        return $"{snapshot.Dataset} data {SnapshotLocation.ShortHash(snapshot.DataHash)} ({source ?? "data source not in this checkout's run history"})";
    }
}
