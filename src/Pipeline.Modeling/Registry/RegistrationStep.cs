namespace Pipeline.Modeling.Registry;

/// <summary>The steps of a registration, reported as they complete (progress, and a place to observe a writer mid-way).</summary>
public enum RegistrationStep
{
    /// <summary>Files are being copied into a private staging folder; nothing is visible yet.</summary>
    StagingFilesWritten,
    /// <summary>The registry lock is held; the version number is about to be claimed.</summary>
    LockAcquired,
    /// <summary>OCI backend: the claim tag of the version number was pushed and no other writer claimed that number.</summary>
    Claimed,
    /// <summary>The staging folder was renamed to <c>versions/&lt;n&gt;</c>: the version is complete and visible.</summary>
    Committed,
}
