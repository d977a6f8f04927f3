namespace Pipeline.Data;

/// <summary>
/// A problem with a dataset or a dataset spec that a user can act on. <see cref="Exception.Message"/> is a complete
/// sentence naming the file, line and column where known, and what was expected; it is shown to the user as is.
/// </summary>
public class DataException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The user-facing sentence.</param>
    /// <param name="filePath">The file the problem is in, if any.</param>
    /// <param name="line">The 1-based line number in <paramref name="filePath"/>, if known.</param>
    /// <param name="column">The dataset column (header name) or spec property concerned, if any.</param>
    /// <param name="innerException">The underlying cause, if any.</param>
    public DataException(string message, string? filePath = null, long? line = null, string? column = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = filePath;
        Line = line;
        Column = column;
    }

    /// <summary>The file the problem is in, if any.</summary>
    public string? FilePath { get; }

    /// <summary>The 1-based line number within <see cref="FilePath"/>, if known.</summary>
    public long? Line { get; }

    /// <summary>The dataset column (header name) or spec property concerned, if any.</summary>
    public string? Column { get; }
}
