namespace Pipeline.Architecture.Tests;

/// <summary>No assembly has namespaces that refer to each other in a circle, so each namespace can be read (and moved) on its own.</summary>
public sealed class NamespaceCycleTests
{
    /// <summary>
    /// Cycles known to exist, each as its namespaces in ordinal order, to be removed (not added to) as they are broken.
    /// </summary>
    private static readonly Dictionary<string, string[][]> KnownCycles = new();

    [Theory]
    [MemberData(nameof(ProductAssemblies.All), MemberType = typeof(ProductAssemblies))]
    public void AnAssembly_HasNoNamespaceCycles_BeyondTheKnownOnes(string assembly)
    {
        var cycles = NamespaceCycles.Find(NamespaceGraph.Of(ProductAssemblies.Of(assembly)));
        var known = KnownCycles.GetValueOrDefault(assembly, []);

        var unexpected = cycles.Where(c => !known.Any(k => k.SequenceEqual(c))).ToList();
        var gone = known.Where(k => !cycles.Any(c => c.SequenceEqual(k))).ToList();
        Assert.True(unexpected.Count == 0, $"{assembly} has namespace cycles: {NamespaceCycles.Describe(unexpected)}. Move the type that points the wrong way.");
        Assert.True(gone.Count == 0, $"{assembly} no longer has the known cycle {NamespaceCycles.Describe(gone)}: remove it from {nameof(KnownCycles)}.");
    }

    [Fact]
    public void TheCycleFinder_FindsADeliberateCycle_BetweenTwoNamespaces()
    {
        var graph = NamespaceGraph.Of(typeof(NamespaceCycleTests).Assembly);

        var cycles = NamespaceCycles.Find(graph);

        Assert.Equal(
            [["Pipeline.Architecture.Tests.CycleSample.Customers", "Pipeline.Architecture.Tests.CycleSample.Orders"]],
            cycles.Select(c => c.ToArray()).ToArray());
    }

    [Fact]
    public void TheCycleFinder_FindsEveryNamespaceOfALongerCycle_AndNoneOutsideIt()
    {
        var graph = new Dictionary<string, IReadOnlySet<string>>
        {
            ["A"] = new HashSet<string> { "B" },
            ["B"] = new HashSet<string> { "C" },
            ["C"] = new HashSet<string> { "A", "D" },
            ["D"] = new HashSet<string>(),
        };

        Assert.Equal([["A", "B", "C"]], NamespaceCycles.Find(graph).Select(c => c.ToArray()).ToArray());
    }
}
