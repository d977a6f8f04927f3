using System.Linq.Expressions;

namespace Pipeline.Engine;

/// <summary>What one target property declared; filled by calling the property's delegate once.</summary>
internal sealed class TargetDefinition : ITargetDefinition
{
    private readonly object _build;

    public TargetDefinition(string name, object build)
    {
        Name = name;
        _build = build;
    }

    public string Name { get; }
    public string? DescriptionText { get; private set; }
    public List<Target> DependsOnTargets { get; } = new();
    public List<Target> DependentForTargets { get; } = new();
    public List<Target> AfterTargets { get; } = new();
    public List<Target> BeforeTargets { get; } = new();
    public List<Target> TriggersTargets { get; } = new();
    public List<Target> TriggeredByTargets { get; } = new();
    public List<Expression<Func<bool>>> StaticConditions { get; } = new();
    public List<Expression<Func<bool>>> DynamicConditions { get; } = new();
    public Dictionary<Expression<Func<bool>>, Func<string>> SkipReasons { get; } = new();
    public List<Requirement> Requirements { get; } = new();
    public bool IsProceedAfterFailure { get; private set; }
    public bool IsAssuredAfterFailure { get; private set; }
    public bool IsUnlisted { get; private set; }
    public bool IsReadOnly { get; private set; }
    public List<Func<CancellationToken, Task>> Actions { get; } = new();
    public List<Func<IEnumerable<AbsolutePath>>> InputFiles { get; } = new();
    public List<Func<IEnumerable<string>>> InputValueSources { get; } = new();
    public List<Func<IEnumerable<AbsolutePath>>> OutputFiles { get; } = new();

    /// <summary>True when the target takes part in incremental execution.</summary>
    public bool IsIncremental => InputFiles.Count + InputValueSources.Count + OutputFiles.Count > 0;

    public ITargetDefinition Description(string description) { DescriptionText = description; return this; }

    public ITargetDefinition DependsOn(params Target[] targets) => Add(DependsOnTargets, targets);
    public ITargetDefinition DependsOn<TComponent>(params Func<TComponent, Target>[] targets) => Add(DependsOnTargets, targets);
    public ITargetDefinition DependentFor(params Target[] targets) => Add(DependentForTargets, targets);
    public ITargetDefinition DependentFor<TComponent>(params Func<TComponent, Target>[] targets) => Add(DependentForTargets, targets);
    public ITargetDefinition After(params Target[] targets) => Add(AfterTargets, targets);
    public ITargetDefinition After<TComponent>(params Func<TComponent, Target>[] targets) => Add(AfterTargets, targets);
    public ITargetDefinition Before(params Target[] targets) => Add(BeforeTargets, targets);
    public ITargetDefinition Before<TComponent>(params Func<TComponent, Target>[] targets) => Add(BeforeTargets, targets);
    public ITargetDefinition Triggers(params Target[] targets) => Add(TriggersTargets, targets);
    public ITargetDefinition Triggers<TComponent>(params Func<TComponent, Target>[] targets) => Add(TriggersTargets, targets);
    public ITargetDefinition TriggeredBy(params Target[] targets) => Add(TriggeredByTargets, targets);
    public ITargetDefinition TriggeredBy<TComponent>(params Func<TComponent, Target>[] targets) => Add(TriggeredByTargets, targets);

    public ITargetDefinition OnlyWhenStatic(params Expression<Func<bool>>[] conditions) { StaticConditions.AddRange(conditions); return this; }
    public ITargetDefinition OnlyWhenStatic(Expression<Func<bool>> condition, string because) => OnlyWhenStatic(condition, Fixed(because));
    public ITargetDefinition OnlyWhenStatic(Expression<Func<bool>> condition, Func<string> because)
    {
        StaticConditions.Add(condition);
        SkipReasons[condition] = because ?? throw new BuildDefinitionException($"Target '{Name}' gives a null reason for OnlyWhenStatic.");
        return this;
    }

    public ITargetDefinition OnlyWhenDynamic(params Expression<Func<bool>>[] conditions) { DynamicConditions.AddRange(conditions); return this; }
    public ITargetDefinition OnlyWhenDynamic(Expression<Func<bool>> condition, string because) => OnlyWhenDynamic(condition, Fixed(because));
    public ITargetDefinition OnlyWhenDynamic(Expression<Func<bool>> condition, Func<string> because)
    {
        DynamicConditions.Add(condition);
        SkipReasons[condition] = because ?? throw new BuildDefinitionException($"Target '{Name}' gives a null reason for OnlyWhenDynamic.");
        return this;
    }

    public ITargetDefinition Requires<T>(params Expression<Func<T>>[] parameters)
    {
        foreach (var parameter in parameters)
            Requirements.Add(Requirement.ForValue(parameter));
        return this;
    }

    public ITargetDefinition Requires<T>(Expression<Func<T>> parameter, string because)
    {
        Requirements.Add(Requirement.ForValue(parameter, because ?? throw new BuildDefinitionException($"Target '{Name}' gives a null reason for Requires.")));
        return this;
    }

    public ITargetDefinition Requires(params Expression<Func<bool>>[] conditions)
    {
        foreach (var condition in conditions)
            Requirements.Add(Requirement.ForCondition(condition));
        return this;
    }

    public ITargetDefinition Requires(Expression<Func<bool>> condition, string because)
    {
        Requirements.Add(Requirement.ForCondition(condition, because ?? throw new BuildDefinitionException($"Target '{Name}' gives a null reason for Requires.")));
        return this;
    }

    private Func<string> Fixed(string because)
    {
        var sentence = Requirement.Reason(because ?? throw new BuildDefinitionException($"Target '{Name}' gives a null reason for a condition."))!;
        return () => sentence;
    }

    public ITargetDefinition ProceedAfterFailure() { IsProceedAfterFailure = true; return this; }
    public ITargetDefinition AssuredAfterFailure() { IsAssuredAfterFailure = true; return this; }
    public ITargetDefinition Unlisted() { IsUnlisted = true; return this; }
    public ITargetDefinition ReadOnly() { IsReadOnly = true; return this; }

    public ITargetDefinition Executes(Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        // Run synchronous work off the caller's thread so that Ctrl+C can still end the wait for it.
        Actions.Add(ct => Task.Run(action, CancellationToken.None));
        return this;
    }

    public ITargetDefinition Executes(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Actions.Add(ct => Task.Run(action, CancellationToken.None));
        return this;
    }

    public ITargetDefinition Executes(Func<CancellationToken, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Actions.Add(ct => Task.Run(() => action(ct), CancellationToken.None));
        return this;
    }

    public ITargetDefinition Inputs(Func<IEnumerable<AbsolutePath>> inputs) { InputFiles.Add(inputs); return this; }
    public ITargetDefinition InputValues(Func<IEnumerable<string>> values) { InputValueSources.Add(values); return this; }
    public ITargetDefinition Outputs(Func<IEnumerable<AbsolutePath>> outputs) { OutputFiles.Add(outputs); return this; }

    private TargetDefinition Add(List<Target> list, Target[] targets)
    {
        foreach (var target in targets)
            list.Add(target ?? throw new BuildDefinitionException($"Target '{Name}' refers to a target that is null."));
        return this;
    }

    private TargetDefinition Add<TComponent>(List<Target> list, Func<TComponent, Target>[] targets)
    {
        if (_build is not TComponent component)
            throw new BuildDefinitionException(
                $"Target '{Name}' refers to a target of {typeof(TComponent).Name}, which the build class {_build.GetType().Name} does not implement.");
        foreach (var target in targets)
            list.Add(target(component));
        return this;
    }
}
