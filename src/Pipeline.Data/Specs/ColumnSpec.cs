using System.Text.Json.Serialization;

namespace Pipeline.Data.Specs;

/// <summary>One column of a dataset as the spec declares it; matched to the CSV by header name.</summary>
public sealed record ColumnSpec
{
    /// <summary>The header name, exactly as in the CSV (for example <c>Torque [Nm]</c>).</summary>
    public required string Name { get; init; }

    /// <summary>What the column is for.</summary>
    public required ColumnRole Role { get; init; }

    /// <summary>
    /// How cells are parsed, for <see cref="ColumnRole.Id"/> and <see cref="ColumnRole.Excluded"/> columns
    /// (default text). Other roles imply their type and must not set it.
    /// </summary>
    public ColumnValueType? Type { get; init; }

    /// <summary>Why the column is excluded (for example <c>leakage</c>); required for excluded columns.</summary>
    public string? Reason { get; init; }

    /// <summary>A short human description.</summary>
    public string? Description { get; init; }

    /// <summary>The smallest physically possible value (numeric columns); smaller values are errors.</summary>
    public double? Min { get; init; }

    /// <summary>The largest physically possible value (numeric columns); larger values are errors.</summary>
    public double? Max { get; init; }

    /// <summary>
    /// The allowed values of a categorical column (required for categorical features; their order is the
    /// one-hot order) or of the label column.
    /// </summary>
    public IReadOnlyList<string>? Domain { get; init; }

    /// <summary>The type cells of this column are parsed as, given its role.</summary>
    [JsonIgnore]
    public ColumnValueType ValueType => Role switch
    {
        ColumnRole.Numeric => ColumnValueType.Numeric,
        ColumnRole.Categorical => ColumnValueType.Categorical,
        ColumnRole.Boolean => ColumnValueType.Boolean,
        ColumnRole.Label => ColumnValueType.Boolean,
        _ => Type ?? ColumnValueType.Text,
    };

    /// <summary>True for the roles that become model features (numeric, categorical, boolean).</summary>
    [JsonIgnore]
    public bool IsFeature => Role is ColumnRole.Numeric or ColumnRole.Categorical or ColumnRole.Boolean;
}
