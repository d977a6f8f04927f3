namespace Pipeline.Data.Specs;

/// <summary>What a column is for.</summary>
public enum ColumnRole
{
    /// <summary>A row identifier: must be unique, never a feature.</summary>
    Id,

    /// <summary>A numeric feature, used as is.</summary>
    Numeric,

    /// <summary>A categorical feature, one-hot encoded over the spec's domain.</summary>
    Categorical,

    /// <summary>A boolean feature (0/1, true/false), encoded as 0 or 1.</summary>
    Boolean,

    /// <summary>The label the model predicts.</summary>
    Label,

    /// <summary>Read and validated but never a feature; the spec states why (for example <c>leakage</c>).</summary>
    Excluded,
}
