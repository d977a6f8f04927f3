namespace Pipeline.Engine;

/// <summary>A discovered target with its references resolved to other targets, and its outcome once run.</summary>
internal sealed class ExecutableTarget
{
    public ExecutableTarget(string name, Target factory, TargetDefinition definition)
    {
        Name = name;
        Factory = factory;
        Definition = definition;
    }

    public string Name { get; }
    public Target Factory { get; }
    public TargetDefinition Definition { get; }

    /// <summary>Scheduled with this target and run before it (DependsOn, and DependentFor pointing here).</summary>
    public List<ExecutableTarget> Dependencies { get; } = new();

    /// <summary>Run before this target when both are scheduled (After, and Before pointing here).</summary>
    public List<ExecutableTarget> RunsAfter { get; } = new();

    /// <summary>Scheduled whenever this target is, and run after it (Triggers, and TriggeredBy pointing here).</summary>
    public List<ExecutableTarget> Triggers { get; } = new();

    public ExecutionStatus Status { get; set; } = ExecutionStatus.NotRun;
    public TimeSpan Duration { get; set; }
    public string? Reason { get; set; }

    public override string ToString() => Name;
}
