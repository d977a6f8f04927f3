using System.Collections;
using System.Linq.Expressions;

namespace Pipeline.Engine;

/// <summary>One <c>Requires(...)</c> clause: a check plus the text that names what was required.</summary>
internal sealed class Requirement
{
    private Requirement(string memberName, string text, Func<bool> isMet, bool isParameter)
    {
        MemberName = memberName;
        Text = text;
        IsMet = isMet;
        IsParameter = isParameter;
    }

    /// <summary>The member the clause names (a parameter name for <c>Requires(() => X)</c>).</summary>
    public string MemberName { get; }

    /// <summary>The clause as readable source text.</summary>
    public string Text { get; }

    public Func<bool> IsMet { get; }

    /// <summary>True for <c>Requires(() => Parameter)</c>, false for a boolean condition.</summary>
    public bool IsParameter { get; }

    public static Requirement ForValue<T>(Expression<Func<T>> expression)
    {
        var read = expression.Compile(preferInterpretation: true);
        var text = ExpressionText.Of(expression);
        var member = expression.Body is MemberExpression m ? m.Member.Name : text;
        return new Requirement(member, text, () => HasValue(read()), isParameter: true);
    }

    public static Requirement ForCondition(Expression<Func<bool>> expression)
    {
        var read = expression.Compile(preferInterpretation: true);
        var text = ExpressionText.Of(expression);
        return new Requirement(text, text, read, isParameter: false);
    }

    private static bool HasValue(object? value) => value switch
    {
        null => false,
        string s => s.Length > 0,
        ICollection c => c.Count > 0,
        _ => true,
    };
}
