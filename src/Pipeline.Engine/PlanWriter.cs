using System.Text;

namespace Pipeline.Engine;

/// <summary>
/// Shows the graph: the execution order for the invoked targets and every target's relations as text, and the
/// same graph as a Mermaid flowchart in <c>artifacts/plan.mmd</c> (scheduled targets highlighted).
/// </summary>
internal static class PlanWriter
{
    public static AbsolutePath Write(BuildOutput output, TargetGraph graph, IReadOnlyList<ExecutableTarget> plan, string title, AbsolutePath root)
    {
        output.WriteLine(title);
        for (var i = 0; i < plan.Count; i++)
        {
            var target = plan[i];
            var note = target.Status == ExecutionStatus.Skipped ? $"   (skipped: {target.Reason})" : "";
            output.WriteLine($"  {i + 1,2}. {target.Name}{note}");
        }
        output.WriteLine();
        output.WriteLine("Graph:");
        var width = graph.Targets.Max(t => t.Name.Length) + 2;
        foreach (var target in graph.Targets)
        {
            var relations = Relations(target);
            output.WriteLine("  " + target.Name.PadRight(width) + (relations.Length == 0 ? "(no relations)" : relations));
        }

        var file = root / "artifacts" / "plan.mmd";
        file.Parent!.CreateDirectory();
        File.WriteAllText(file, Mermaid(graph, plan));
        output.WriteLine();
        output.WriteLine($"Mermaid graph written to {file.RelativeTo(root)}");
        return file;
    }

    private static string Relations(ExecutableTarget target)
    {
        var parts = new List<string>();
        if (target.Dependencies.Count > 0) parts.Add("depends on " + string.Join(", ", target.Dependencies));
        if (target.RunsAfter.Count > 0) parts.Add("runs after " + string.Join(", ", target.RunsAfter));
        if (target.Triggers.Count > 0) parts.Add("triggers " + string.Join(", ", target.Triggers));
        return string.Join("; ", parts);
    }

    /// <summary>
    /// Edges point in execution order: <c>A --&gt; B</c> B depends on A; <c>A -.-&gt; B</c> B runs after A when both
    /// run; <c>A ==&gt;|triggers| B</c>.
    /// </summary>
    public static string Mermaid(TargetGraph graph, IReadOnlyList<ExecutableTarget> plan)
    {
        // Node ids are generated because some words ("end") are reserved in Mermaid.
        var ids = graph.Targets.Select((t, i) => (t, Id: "t" + i)).ToDictionary(x => x.t, x => x.Id);
        var text = new StringBuilder("flowchart LR\n");
        foreach (var target in graph.Targets)
            text.Append($"  {ids[target]}[\"{target.Name}\"]\n");
        foreach (var target in graph.Targets)
        {
            foreach (var dependency in target.Dependencies) text.Append($"  {ids[dependency]} --> {ids[target]}\n");
            foreach (var earlier in target.RunsAfter) text.Append($"  {ids[earlier]} -.-> {ids[target]}\n");
            foreach (var triggered in target.Triggers) text.Append($"  {ids[target]} ==>|triggers| {ids[triggered]}\n");
        }
        if (plan.Count > 0)
        {
            text.Append("  classDef planned fill:#d8f3dc,stroke:#2d6a4f,stroke-width:2px\n");
            text.Append($"  class {string.Join(",", plan.Select(t => ids[t]))} planned\n");
        }
        return text.ToString();
    }
}
