using System.Reflection;

namespace Pipeline.Engine;

/// <summary>
/// All targets of a build class — its <see cref="Target"/> properties and those of the component interfaces it
/// implements — with every DependsOn/After/Triggers reference resolved to a target.
/// </summary>
internal sealed class TargetGraph
{
    private TargetGraph(List<ExecutableTarget> targets) => Targets = targets;

    /// <summary>In declaration order: the class (and its base classes), then component interfaces.</summary>
    public IReadOnlyList<ExecutableTarget> Targets { get; }

    public ExecutableTarget? Find(string name) =>
        Targets.FirstOrDefault(t => t.Name == name) ?? Targets.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    public static TargetGraph Discover(object build)
    {
        var targets = new List<ExecutableTarget>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

        void Add(PropertyInfo property)
        {
            // Explicit interface implementations are reached through the interface's own property.
            if (property.PropertyType != typeof(Target) || property.Name.Contains('.') || property.GetIndexParameters().Length > 0) return;
            if (!names.Add(property.Name)) return;
            var factory = (Target?)property.GetValue(build)
                ?? throw new BuildDefinitionException($"Target '{property.Name}' is null; declare it as 'Target {property.Name} => _ => _ ...'.");
            var definition = new TargetDefinition(property.Name, build);
            factory(definition);
            targets.Add(new ExecutableTarget(property.Name, factory, definition));
        }

        var hierarchy = new List<Type>();
        for (var type = build.GetType(); type is not null && type != typeof(object); type = type.BaseType) hierarchy.Add(type);
        // Base classes first, so a derived build lists inherited targets before its own.
        foreach (var type in Enumerable.Reverse(hierarchy))
            foreach (var property in type.GetProperties(flags))
                Add(property);
        foreach (var component in build.GetType().GetInterfaces())
            foreach (var property in component.GetProperties(flags))
                Add(property);

        var graph = new TargetGraph(targets);
        graph.ResolveReferences();
        return graph;
    }

    private void ResolveReferences()
    {
        // Delegates from the same property compare equal (same method, same instance), so a reference made by
        // reading the property again inside another target's definition finds that target.
        var byFactory = new Dictionary<Delegate, ExecutableTarget>();
        foreach (var target in Targets) byFactory.TryAdd(target.Factory, target);
        ExecutableTarget Resolve(ExecutableTarget from, Target reference, string relation) =>
            byFactory.TryGetValue(reference, out var target)
                ? target
                : throw new BuildDefinitionException(
                    $"Target '{from.Name}' uses {relation} with a target that is not a property of the build; refer to targets by their property (e.g. DependsOn(Compile)).");

        static void AddOnce(List<ExecutableTarget> list, ExecutableTarget target)
        {
            if (!list.Contains(target)) list.Add(target);
        }

        foreach (var target in Targets)
        {
            var d = target.Definition;
            foreach (var r in d.DependsOnTargets) AddOnce(target.Dependencies, Resolve(target, r, "DependsOn"));
            foreach (var r in d.DependentForTargets) AddOnce(Resolve(target, r, "DependentFor").Dependencies, target);
            foreach (var r in d.AfterTargets) AddOnce(target.RunsAfter, Resolve(target, r, "After"));
            foreach (var r in d.BeforeTargets) AddOnce(Resolve(target, r, "Before").RunsAfter, target);
            foreach (var r in d.TriggersTargets) AddOnce(target.Triggers, Resolve(target, r, "Triggers"));
            foreach (var r in d.TriggeredByTargets) AddOnce(Resolve(target, r, "TriggeredBy").Triggers, target);
        }
    }

    /// <summary>Every target that must run before <paramref name="target"/> when both are scheduled.</summary>
    public IEnumerable<ExecutableTarget> Predecessors(ExecutableTarget target) =>
        target.Dependencies.Concat(target.RunsAfter).Concat(Targets.Where(t => t.Triggers.Contains(target)));
}
