namespace Pipeline.Data.Specs;

/// <summary>
/// A feature computed from other features by an arithmetic expression, for example
/// <c>[Process temperature [K]] - [Air temperature [K]]</c>. The syntax is described in <c>data/README.md</c>.
/// </summary>
public sealed record DerivedFeatureSpec
{
    /// <summary>The feature's name (must not clash with a column name).</summary>
    public required string Name { get; init; }

    /// <summary>The expression computing it.</summary>
    public required string Expression { get; init; }

    /// <summary>Why the feature exists (for example the failure mechanism it expresses).</summary>
    public string? Description { get; init; }
}
