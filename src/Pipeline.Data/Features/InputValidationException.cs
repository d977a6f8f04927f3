namespace Pipeline.Data.Features;

/// <summary>
/// A scoring request's record does not fit the model's <see cref="InputSchema"/>: a field is missing, unknown,
/// of the wrong type, not finite, out of range, or an unseen category. The message is a sentence naming the field;
/// the scoring service returns it as HTTP 400.
/// </summary>
public sealed class InputValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InputValidationException(string field, string message) : base(message) => Field = field;

    /// <summary>The request field concerned.</summary>
    public string Field { get; }
}
