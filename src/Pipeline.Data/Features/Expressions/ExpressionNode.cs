using System.Runtime.CompilerServices;

namespace Pipeline.Data.Features.Expressions;

/// <summary>Values an expression reads, by the slot each reference was bound to.</summary>
public interface IExpressionRow
{
    /// <summary>The numeric value in a slot (booleans as 0/1).</summary>
    double Number(int slot);

    /// <summary>The text value in a slot (categorical columns).</summary>
    string Text(int slot);
}

/// <summary>What a referenced name is, as far as an expression is concerned.</summary>
public enum ReferenceKind
{
    /// <summary>A number (numeric or boolean column, or a derived feature).</summary>
    Number,

    /// <summary>A categorical value, usable only as the first argument of <c>lookup</c>.</summary>
    Text,
}

/// <summary>A node of a parsed expression tree.</summary>
internal abstract record ExpressionNode(int Position)
{
    public abstract double Evaluate(IExpressionRow row);
}

internal sealed record NumberNode(int Position, double Value) : ExpressionNode(Position)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override double Evaluate(IExpressionRow row) => Value;
}

internal sealed record StringNode(int Position, string Value) : ExpressionNode(Position)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override double Evaluate(IExpressionRow row) =>
        throw new InvalidOperationException("A string literal has no numeric value; binding rejects this.");
}

internal sealed record ReferenceNode(int Position, string Name) : ExpressionNode(Position)
{
    public int Slot { get; set; } = -1;
    public ReferenceKind Kind { get; set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override double Evaluate(IExpressionRow row) => row.Number(Slot);
}

internal sealed record NegateNode(int Position, ExpressionNode Operand) : ExpressionNode(Position)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override double Evaluate(IExpressionRow row) => -Operand.Evaluate(row);
}

internal sealed record BinaryNode(int Position, char Operator, ExpressionNode Left, ExpressionNode Right)
    : ExpressionNode(Position)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override double Evaluate(IExpressionRow row)
    {
        var l = Left.Evaluate(row);
        var r = Right.Evaluate(row);
        return Operator switch
        {
            '+' => l + r,
            '-' => l - r,
            '*' => l * r,
            _ => l / r,
        };
    }
}

internal sealed record CallNode(int Position, string Function, IReadOnlyList<ExpressionNode> Arguments)
    : ExpressionNode(Position)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override double Evaluate(IExpressionRow row)
    {
        switch (Function)
        {
            case "abs": return Math.Abs(Arguments[0].Evaluate(row));
            case "min": return Math.Min(Arguments[0].Evaluate(row), Arguments[1].Evaluate(row));
            case "max": return Math.Max(Arguments[0].Evaluate(row), Arguments[1].Evaluate(row));
            case "log": return Math.Log(Arguments[0].Evaluate(row));
            case "sqrt": return Math.Sqrt(Arguments[0].Evaluate(row));
            default: // lookup(key, 'a', x, 'b', y, ...)
                var key = row.Text(((ReferenceNode)Arguments[0]).Slot);
                for (var i = 1; i + 1 < Arguments.Count; i += 2)
                    if (((StringNode)Arguments[i]).Value == key)
                        return Arguments[i + 1].Evaluate(row);
                return double.NaN; // a key the lookup does not list: NaN, reported by the caller as not finite
        }
    }
}
