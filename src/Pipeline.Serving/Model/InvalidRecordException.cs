namespace Pipeline.Serving.Model;

/// <summary>A request record does not match the model's input schema; the service answers 400 with this message.</summary>
/// <param name="field">The offending field (column name), or null when the record as a whole is wrong.</param>
/// <param name="message">A sentence naming the field and what was expected.</param>
public sealed class InvalidRecordException(string? field, string message) : Exception(message)
{
    /// <summary>The offending field, or null when the record as a whole is wrong.</summary>
    public string? Field { get; } = field;
}
