namespace Pipeline.Data.Loading;

/// <summary>The outcome of parsing one cell against its column's spec.</summary>
internal enum CellStatus
{
    Ok,
    Missing,
    NotANumber,
    NotFinite,
    BelowMinimum,
    AboveMaximum,
    NotBoolean,
    UnseenCategory,
}
