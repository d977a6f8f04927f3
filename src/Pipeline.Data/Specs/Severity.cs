namespace Pipeline.Data.Specs;

/// <summary>
/// How bad an anomaly is. Errors fail the build; warnings and information do not. It lives with the specs because a
/// spec declares it per label rule (validation reports it; specs do not depend on validation).
/// </summary>
public enum Severity
{
    /// <summary>Worth knowing; no action needed.</summary>
    Info,

    /// <summary>Worth a look; the data can still be used.</summary>
    Warning,

    /// <summary>The data cannot be used as is.</summary>
    Error,
}
