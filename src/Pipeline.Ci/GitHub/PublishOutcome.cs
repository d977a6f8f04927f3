namespace Pipeline.Ci.GitHub;

/// <summary>What one call to GitHub did: done, skipped (with why) or failed (one line saying why).</summary>
/// <param name="Succeeded">True when done or skipped for a reason that is not a failure.</param>
/// <param name="Message">The line to print.</param>
public sealed record PublishOutcome(bool Succeeded, string Message)
{
    /// <summary>It was done.</summary>
    public static PublishOutcome Done(string message) => new(true, message);

    /// <summary>Nothing was needed or possible, not a failure.</summary>
    public static PublishOutcome Skipped(string message) => new(true, message);

    /// <summary>It failed; the message says why.</summary>
    public static PublishOutcome Failed(string message) => new(false, message);
}
