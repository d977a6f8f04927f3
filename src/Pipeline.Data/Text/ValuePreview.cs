namespace Pipeline.Data.Text;

/// <summary>
/// Quotes user-supplied text in messages, reports and logs by a short prefix only: a 10 MB value in a bad
/// cell or request must not come back as a 10 MB error body, console line or report.json.
/// </summary>
public static class ValuePreview
{
    /// <summary>The longest text quoted whole, in characters.</summary>
    public const int DefaultMaxChars = 64;

    /// <summary>
    /// <paramref name="text"/> itself when it has at most <paramref name="maxChars"/> characters, else its first
    /// <paramref name="maxChars"/> characters followed by <c>… (N chars)</c> with the full length.
    /// </summary>
    public static string Of(string text, int maxChars = DefaultMaxChars)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= maxChars)
        {
            return text;
        }
        // Never cut a surrogate pair in half: the preview must still be valid text.
        var cut = char.IsHighSurrogate(text[maxChars - 1]) ? maxChars - 1 : maxChars;
        return $"{text[..cut]}… ({text.Length} chars)";
    }
}
