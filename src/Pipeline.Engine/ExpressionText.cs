using System.Linq.Expressions;

namespace Pipeline.Engine;

/// <summary>Turns a condition lambda into the source-like text a user wrote, for messages.</summary>
internal static class ExpressionText
{
    public static string Of(LambdaExpression expression)
    {
        var text = expression.Body.ToString();
        // Closures print as "value(Namespace.Build).Member"; the user wrote just "Member".
        while (true)
        {
            var start = text.IndexOf("value(", StringComparison.Ordinal);
            if (start < 0) break;
            var depth = 0;
            var end = start + "value".Length;
            for (; end < text.Length; end++)
            {
                if (text[end] == '(') depth++;
                else if (text[end] == ')' && --depth == 0) break;
            }
            var cut = end + 1 < text.Length && text[end + 1] == '.' ? end + 2 : end + 1;
            text = text[..start] + text[Math.Min(cut, text.Length)..];
        }
        return StripOuterParentheses(ReplaceCall(text, "ArrayLength(", ".Length"));
    }

    /// <summary>"ArrayLength(RunIds)" is how an expression tree prints "RunIds.Length".</summary>
    private static string ReplaceCall(string text, string call, string suffix)
    {
        int start;
        while ((start = text.IndexOf(call, StringComparison.Ordinal)) >= 0)
        {
            var depth = 1;
            var end = start + call.Length;
            for (; end < text.Length && depth > 0; end++)
            {
                if (text[end] == '(') depth++;
                else if (text[end] == ')') depth--;
            }
            if (depth > 0) break;
            text = text[..start] + text[(start + call.Length)..(end - 1)] + suffix + text[end..];
        }
        return text;
    }

    /// <summary>Binary expressions print as "(A > B)"; the outer pair is noise in a message.</summary>
    private static string StripOuterParentheses(string text)
    {
        if (text.Length < 2 || text[0] != '(' || text[^1] != ')') return text;
        var depth = 0;
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            if (depth == 0) return text; // the first "(" closes before the end: "(a) && (b)"
        }
        return text[1..^1];
    }
}
