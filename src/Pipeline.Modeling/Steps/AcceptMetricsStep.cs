using Pipeline.Modeling.Gate;

namespace Pipeline.Modeling.Steps;

/// <summary>AcceptMetrics: the last evaluation's received metric snapshots become the verified ones, to commit.</summary>
public sealed class AcceptMetricsStep(Workspace workspace, StepLog log)
{
    /// <summary>Copies every received metric snapshot of the dataset over its verified snapshot.</summary>
    public IReadOnlyList<string> Run()
    {
        var accepted = MetricGate.Accept(workspace.ModelsDirectory);
        foreach (var path in accepted) log.Info($"Accepted {Path.GetRelativePath(workspace.RootDirectory, path)}; commit it so the pull request shows the new numbers.");
        return accepted;
    }
}
