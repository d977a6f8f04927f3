namespace Pipeline.Serving.Requests;

/// <summary>A /predict request the service refuses with 400; the message names the field (or the body) and what was expected.</summary>
/// <param name="field">The offending field, <c>body</c> for the body as a whole.</param>
/// <param name="message">The sentence returned to the client.</param>
public sealed class BadPredictionRequestException(string field, string message) : Exception(message)
{
    /// <summary>The offending field, <c>body</c> for the body as a whole.</summary>
    public string Field { get; } = field;
}
