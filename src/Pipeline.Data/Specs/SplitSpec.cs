namespace Pipeline.Data.Specs;

/// <summary>How a dataset is split into training and test rows.</summary>
public sealed record SplitSpec
{
    /// <summary>The fraction of rows held out for testing, in (0, 1).</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>The seed of the split's own deterministic generator.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Whether each label class is split separately so both sides keep the class balance.</summary>
    public bool Stratified { get; init; } = true;
}
