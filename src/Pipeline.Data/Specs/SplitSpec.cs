namespace Pipeline.Data.Specs;

/// <summary>How a dataset is split into training and test rows.</summary>
public sealed record SplitSpec
{
    /// <summary>The fraction of rows held out for testing, in (0, 1).</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>The seed of the split's own deterministic generator.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Whether each label class is split separately so both sides keep the class balance (ignored with <see cref="OrderBy"/>).</summary>
    public bool Stratified { get; init; } = true;

    /// <summary>
    /// A column to split by time (or any order): rows are ordered by it (numbers numerically, text ordinally, so ISO
    /// timestamps sort in time order; ties by row) and the last <see cref="TestFraction"/> of them is the test set, so a
    /// model is tested on data later than it was trained on. Null: a random split.
    /// </summary>
    public string? OrderBy { get; init; }
}
