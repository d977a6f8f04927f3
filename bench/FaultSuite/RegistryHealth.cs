using Pipeline.Modeling;
using Pipeline.Modeling.Registry;

namespace FaultSuite;

/// <summary>What a registry holds after a fault: the versions listed, those that fail verification, and whether the stages read and name listed versions.</summary>
sealed record RegistryHealth(HashSet<int> Present, List<int> Corrupt, bool StagesOk)
{
    /// <summary>Reads every version of <paramref name="registry"/> back and verifies it; with <paramref name="productionRequired"/> a missing production counts as broken.</summary>
    public static RegistryHealth Of(IModelRegistry registry, bool productionRequired)
    {
        var present = registry.Versions.ToHashSet();
        var corrupt = new List<int>();
        foreach (var version in present)
        {
            try
            {
                registry.Verify(version);
            }
            catch (ModelingException e)
            {
                Console.Error.WriteLine($"  corrupt v{version} in {registry.Location}: {e.Message}");
                corrupt.Add(version);
            }
        }
        bool stagesOk;
        try
        {
            var stages = registry.Stages;
            stagesOk = (stages.Production is { } p ? present.Contains(p) : !productionRequired) && (stages.Staging is not { } s || present.Contains(s));
        }
        catch (ModelingException e)
        {
            Console.Error.WriteLine($"  stage state of {registry.Location} unreadable: {e.Message}");
            stagesOk = false;
        }
        return new RegistryHealth(present, corrupt, stagesOk);
    }
}
