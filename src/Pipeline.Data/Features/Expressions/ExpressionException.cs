namespace Pipeline.Data.Features.Expressions;

/// <summary>A derived-feature expression that cannot be parsed or bound; the message names the position.</summary>
public sealed class ExpressionException : DataException
{
    /// <summary>Creates the exception.</summary>
    public ExpressionException(string message, int position, string? column = null)
        : base(message, column: column)
    {
        Position = position;
    }

    /// <summary>The 0-based character position in the expression where the problem is.</summary>
    public int Position { get; }
}
