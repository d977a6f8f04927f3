using System.Collections;
using System.Linq.Expressions;
using System.Reflection;

namespace Pipeline.Engine;

/// <summary>One <c>Requires(...)</c> clause: a check, the text that names what was required, and why (in words).</summary>
internal sealed class Requirement
{
    private Requirement(string memberName, string text, Func<bool> isMet, bool isParameter, string? because, IReadOnlyList<string> membersRead)
    {
        MemberName = memberName;
        Text = text;
        IsMet = isMet;
        IsParameter = isParameter;
        Because = because;
        MembersRead = membersRead;
    }

    /// <summary>The member the clause names (a parameter name for <c>Requires(() => X)</c>).</summary>
    public string MemberName { get; }

    /// <summary>The clause as readable source text.</summary>
    public string Text { get; }

    public Func<bool> IsMet { get; }

    /// <summary>True for <c>Requires(() => Parameter)</c>, false for a boolean condition.</summary>
    public bool IsParameter { get; }

    /// <summary>The reason the build gave (<c>because:</c>), printed instead of <see cref="Text"/>; null when none was given.</summary>
    public string? Because { get; }

    /// <summary>The names of the members the clause reads, so that the message can name the parameters involved and their values.</summary>
    public IReadOnlyList<string> MembersRead { get; }

    public static Requirement ForValue<T>(Expression<Func<T>> expression, string? because = null)
    {
        var read = expression.Compile(preferInterpretation: true);
        var text = ExpressionText.Of(expression);
        var member = expression.Body is MemberExpression m ? m.Member.Name : text;
        return new Requirement(member, text, () => HasValue(read()), isParameter: true, Reason(because), MembersOf(expression));
    }

    public static Requirement ForCondition(Expression<Func<bool>> expression, string? because = null)
    {
        var read = expression.Compile(preferInterpretation: true);
        var text = ExpressionText.Of(expression);
        return new Requirement(text, text, read, isParameter: false, Reason(because), MembersOf(expression));
    }

    /// <summary>A reason must say something: an empty one is a mistake in the build, found when the build is defined.</summary>
    internal static string? Reason(string? because) =>
        because is null || !string.IsNullOrWhiteSpace(because)
            ? because?.Trim().TrimEnd('.')
            : throw new BuildDefinitionException("A requirement or condition was given an empty reason; write the sentence a user should read when it is not met.");

    /// <summary>Every field or property the expression reads, in order, each once.</summary>
    internal static IReadOnlyList<string> MembersOf(LambdaExpression expression)
    {
        var collector = new MemberCollector();
        collector.Visit(expression.Body);
        return collector.Names;
    }

    private static bool HasValue(object? value) => value switch
    {
        null => false,
        string s => s.Length > 0,
        ICollection c => c.Count > 0,
        _ => true,
    };

    private sealed class MemberCollector : ExpressionVisitor
    {
        public List<string> Names { get; } = new();

        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Member is FieldInfo or PropertyInfo && !Names.Contains(node.Member.Name)) Names.Add(node.Member.Name);
            return base.VisitMember(node);
        }
    }
}
