namespace Pipeline.Engine;

/// <summary>
/// Turns invoked target names into the ordered list of targets to run: the invoked targets, their dependencies
/// and triggered targets (each once), in a topological order that honours DependsOn, After/Before and Triggers.
/// </summary>
internal static class ExecutionPlanner
{
    /// <summary>Finds targets by name (ignoring case); an unknown name fails with "did you mean".</summary>
    public static IReadOnlyList<ExecutableTarget> Resolve(TargetGraph graph, IEnumerable<string> names, string role = "target")
    {
        var resolved = new List<ExecutableTarget>();
        foreach (var name in names)
        {
            var target = graph.Find(name)
                ?? throw new BuildDefinitionException(
                    $"Unknown {role} '{name}'.{DidYouMean.Hint(name, graph.Targets.Select(t => t.Name))} Run with --help to list the targets.");
            if (!resolved.Contains(target)) resolved.Add(target);
        }
        return resolved;
    }

    /// <summary>Fails with the full path of the first cycle found among the ordering edges of the whole graph.</summary>
    public static void ThrowOnCycle(TargetGraph graph)
    {
        var state = new Dictionary<ExecutableTarget, int>(); // 1 = on the current path, 2 = done
        var path = new List<ExecutableTarget>();

        void Visit(ExecutableTarget target)
        {
            state[target] = 1;
            path.Add(target);
            foreach (var predecessor in graph.Predecessors(target))
            {
                state.TryGetValue(predecessor, out var mark);
                if (mark == 1)
                {
                    var cycle = path.Skip(path.IndexOf(predecessor)).Append(predecessor).Select(t => t.Name);
                    throw new BuildDefinitionException(
                        $"The targets form a cycle: {string.Join(" -> ", cycle)} (A -> B: A runs after B). Remove one of these DependsOn/After/Before/Triggers relations.");
                }
                if (mark == 0) Visit(predecessor);
            }
            path.RemoveAt(path.Count - 1);
            state[target] = 2;
        }

        foreach (var target in graph.Targets)
            if (!state.ContainsKey(target))
                Visit(target);
    }

    /// <summary>The targets to run for <paramref name="invoked"/>, in execution order.</summary>
    public static IReadOnlyList<ExecutableTarget> Plan(TargetGraph graph, IReadOnlyList<ExecutableTarget> invoked)
    {
        ThrowOnCycle(graph);

        // Preferred order: depth-first, dependencies in declared order, then the target, then what it triggers.
        var preferred = new List<ExecutableTarget>();
        var seen = new HashSet<ExecutableTarget>();
        void Visit(ExecutableTarget target)
        {
            if (!seen.Add(target)) return;
            foreach (var dependency in target.Dependencies) Visit(dependency);
            preferred.Add(target);
            foreach (var triggered in target.Triggers) Visit(triggered);
        }
        foreach (var target in invoked) Visit(target);

        // Kahn's algorithm over the scheduled targets, always taking the ready target that comes first in the
        // preferred order, so that After/Before and Triggers edges are honoured without reshuffling the rest.
        var scheduled = preferred.ToHashSet();
        var rank = new Dictionary<ExecutableTarget, int>();
        for (var i = 0; i < preferred.Count; i++) rank[preferred[i]] = i;
        var waitingFor = preferred.ToDictionary(t => t, t => graph.Predecessors(t).Where(scheduled.Contains).Distinct().Count());
        var ready = new SortedSet<ExecutableTarget>(Comparer<ExecutableTarget>.Create((a, b) => rank[a].CompareTo(rank[b])));
        foreach (var target in preferred.Where(t => waitingFor[t] == 0)) ready.Add(target);

        var order = new List<ExecutableTarget>(preferred.Count);
        while (ready.Count > 0)
        {
            var next = ready.Min!;
            ready.Remove(next);
            order.Add(next);
            foreach (var successor in preferred.Where(t => graph.Predecessors(t).Distinct().Contains(next)))
                if (--waitingFor[successor] == 0)
                    ready.Add(successor);
        }
        return order;
    }
}
