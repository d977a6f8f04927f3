namespace Pipeline.Data.Validation;

/// <summary>How bad an anomaly is. Errors fail the build; warnings and information do not.</summary>
public enum Severity
{
    /// <summary>Worth knowing; no action needed.</summary>
    Info,

    /// <summary>Worth a look; the data can still be used.</summary>
    Warning,

    /// <summary>The data cannot be used as is.</summary>
    Error,
}
