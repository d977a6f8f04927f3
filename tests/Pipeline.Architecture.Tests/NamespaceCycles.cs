namespace Pipeline.Architecture.Tests;

/// <summary>
/// Finds the namespace cycles of a <see cref="NamespaceGraph"/>: its strongly connected components with more than one
/// namespace (Tarjan's algorithm), each as its namespaces in ordinal order.
/// </summary>
internal static class NamespaceCycles
{
    private static readonly IReadOnlySet<string> EmptySet = new HashSet<string>();

    public static IReadOnlyList<IReadOnlyList<string>> Find(IReadOnlyDictionary<string, IReadOnlySet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var lowLink = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var cycles = new List<IReadOnlyList<string>>();

        void Visit(string node)
        {
            index[node] = lowLink[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in graph.GetValueOrDefault(node, EmptySet).Order(StringComparer.Ordinal))
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    lowLink[node] = Math.Min(lowLink[node], lowLink[next]);
                }
                else if (onStack.Contains(next))
                    lowLink[node] = Math.Min(lowLink[node], index[next]);
            }
            if (lowLink[node] != index[node]) return;
            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            } while (member != node);
            if (component.Count > 1) cycles.Add(component.Order(StringComparer.Ordinal).ToList());
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
            if (!index.ContainsKey(node)) Visit(node);
        return cycles.OrderBy(c => c[0], StringComparer.Ordinal).ToList();
    }

    /// <summary>One line per cycle, for assertion messages.</summary>
    public static string Describe(IEnumerable<IReadOnlyList<string>> cycles) =>
        string.Join("; ", cycles.Select(c => string.Join(" <-> ", c)));
}
