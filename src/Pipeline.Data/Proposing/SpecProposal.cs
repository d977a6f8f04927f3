using Pipeline.Data.Specs;
using Pipeline.Data.Validation;

namespace Pipeline.Data.Proposing;

/// <summary>What <see cref="SpecProposer"/> proposes for a new dataset, and what a person should review.</summary>
public sealed record SpecProposal
{
    /// <summary>The proposed spec (valid: it parses and its data validates without errors).</summary>
    public required DatasetSpec Spec { get; init; }

    /// <summary>The reviewed schema inferred from the same file under that spec.</summary>
    public required DataSchema Schema { get; init; }

    /// <summary>The number of data rows read.</summary>
    public long Rows { get; init; }

    /// <summary>One line per column: the role chosen and why.</summary>
    public required IReadOnlyList<string> Decisions { get; init; }

    /// <summary>What a person should check before committing (exclusions, acknowledged strong predictors, warnings).</summary>
    public required IReadOnlyList<string> Review { get; init; }
}
