namespace Pipeline.Data.Specs;

/// <summary>How a column's cells are parsed.</summary>
public enum ColumnValueType
{
    /// <summary>Free text, kept as strings.</summary>
    Text,

    /// <summary>A finite floating-point number (invariant culture, '.' as decimal point).</summary>
    Numeric,

    /// <summary>One of <c>1</c>/<c>0</c>/<c>true</c>/<c>false</c> (any case).</summary>
    Boolean,

    /// <summary>One of a known set of strings.</summary>
    Categorical,
}
