namespace Pipeline.Serving.Requests;

/// <summary>A /predict request the service refuses; the message names the field (or the body) and what was expected.</summary>
/// <param name="field">The offending field, <c>body</c> for the body as a whole, <c>Content-Type</c> for the header.</param>
/// <param name="message">The sentence returned to the client.</param>
/// <param name="statusCode">The HTTP status of the answer: 400 unless the body is not declared as JSON (415).</param>
public sealed class BadPredictionRequestException(string field, string message, int statusCode = StatusCodes.Status400BadRequest) : Exception(message)
{
    /// <summary>The offending field, <c>body</c> for the body as a whole, <c>Content-Type</c> for the header.</summary>
    public string Field { get; } = field;

    /// <summary>The HTTP status of the answer (a 4xx).</summary>
    public int StatusCode { get; } = statusCode;
}
