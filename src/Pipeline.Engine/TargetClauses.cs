namespace Pipeline.Engine;

/// <summary>The kind of a clause that can stop or skip a target.</summary>
public enum ClauseKind
{
    /// <summary><c>Requires(…)</c>: the build stops before any target runs when it is not met.</summary>
    Requires,
    /// <summary><c>OnlyWhenStatic(…)</c>: the target is skipped when it is false before the build starts.</summary>
    OnlyWhenStatic,
    /// <summary><c>OnlyWhenDynamic(…)</c>: the target is skipped when it is false right before it would run.</summary>
    OnlyWhenDynamic,
}

/// <summary>One requirement or condition a target declares, as the engine will report it.</summary>
/// <param name="Target">The target's name.</param>
/// <param name="Kind">Requirement or condition.</param>
/// <param name="Text">The clause's source text, e.g. <c>RunIds.Length >= 2</c>.</param>
/// <param name="HasReason">True when the target gave a reason in words (<c>because:</c>), which a user reads instead of <paramref name="Text"/>.</param>
public sealed record TargetClause(string Target, ClauseKind Kind, string Text, bool HasReason);

/// <summary>
/// Reads a build's target definitions, as the engine does before a run, to list the clauses that can stop or skip
/// its targets (for tests that hold a build to the rule that every such clause says why in words).
/// </summary>
public static class TargetClauses
{
    /// <summary>Every <c>Requires</c>, <c>OnlyWhenStatic</c> and <c>OnlyWhenDynamic</c> clause of every target of <paramref name="build"/>, in declaration order.</summary>
    /// <exception cref="BuildDefinitionException">The build's targets are not well defined.</exception>
    public static IReadOnlyList<TargetClause> Of(NukeBuild build)
    {
        var clauses = new List<TargetClause>();
        foreach (var target in TargetGraph.Discover(build).Targets)
        {
            var d = target.Definition;
            clauses.AddRange(d.Requirements.Select(r => new TargetClause(target.Name, ClauseKind.Requires, r.Text, r.Because is not null)));
            clauses.AddRange(d.StaticConditions.Select(c => new TargetClause(target.Name, ClauseKind.OnlyWhenStatic, ExpressionText.Of(c), d.SkipReasons.ContainsKey(c))));
            clauses.AddRange(d.DynamicConditions.Select(c => new TargetClause(target.Name, ClauseKind.OnlyWhenDynamic, ExpressionText.Of(c), d.SkipReasons.ContainsKey(c))));
        }
        return clauses;
    }
}
