namespace Pipeline.Data.Specs;

/// <summary>Kinds of label-consistency rule.</summary>
public enum LabelRuleKind
{
    /// <summary>A positive label implies at least one of the columns is true (for AI4I: a failure has a mode).</summary>
    LabelImpliesAny,

    /// <summary>Any of the columns being true implies a positive label (for AI4I: a mode flag means a failure).</summary>
    AnyImpliesLabel,

    /// <summary>At most one of the columns is true in a row.</summary>
    AtMostOne,
}

/// <summary>
/// A declared relationship between the label and boolean columns, checked by validation. Columns named in
/// <see cref="LabelRuleKind.LabelImpliesAny"/> or <see cref="LabelRuleKind.AnyImpliesLabel"/> rules are causes of
/// the label, so validation treats them as leakage if they are used as features.
/// </summary>
public sealed record LabelRuleSpec
{
    /// <summary>A short name, used in reports.</summary>
    public required string Name { get; init; }

    /// <summary>What the rule asserts.</summary>
    public required LabelRuleKind Kind { get; init; }

    /// <summary>The boolean columns involved.</summary>
    public required IReadOnlyList<string> Columns { get; init; }

    /// <summary>How bad a violation is: <c>error</c>, <c>warning</c> (default) or <c>info</c>.</summary>
    public Severity Severity { get; init; } = Severity.Warning;

    /// <summary>What a violation means, for the report.</summary>
    public string? Description { get; init; }
}
