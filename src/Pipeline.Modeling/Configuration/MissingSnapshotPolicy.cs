namespace Pipeline.Modeling.Configuration;

/// <summary>What the metric gate does when no verified snapshot exists for the evaluated data.</summary>
public enum MissingSnapshotPolicy
{
    /// <summary>Fail the build (like Verify with a new snapshot): review the received file, then accept it.</summary>
    Fail,
    /// <summary>Print a warning naming the missing snapshot and pass if the absolute floors hold.</summary>
    Warn,
}
