using System.Buffers;
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

/// <summary>
/// Values an expression reads for a block of rows at once, column by column, by the slot each reference was bound to
/// (every span as long as the block).
/// </summary>
public interface IExpressionColumns
{
    /// <summary>The rows' numeric values in a slot (booleans as 0/1).</summary>
    ReadOnlySpan<double> Numbers(int slot);

    /// <summary>The rows' values in a categorical slot, as small non-negative codes whose text <see cref="CodeText"/> gives.</summary>
    ReadOnlySpan<int> Codes(int slot);

    /// <summary>The text of <paramref name="code"/> in a categorical slot.</summary>
    string CodeText(int slot, int code);

    /// <summary>Where the evaluation rents its buffers (a block's worth of values each); the shared pool unless given.</summary>
    ArrayPool<double> Buffers => ArrayPool<double>.Shared;
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

    /// <summary>
    /// Evaluates the node on a block of rows into <paramref name="output"/> (one value per row), operation by operation
    /// over the whole block: the same values, to the bit, as <see cref="Evaluate(IExpressionRow)"/> row by row, without
    /// a walk of the tree per row.
    /// </summary>
    public abstract void Evaluate(IExpressionColumns columns, Span<double> output);

    /// <summary>Evaluates <paramref name="node"/> into a buffer of <paramref name="rows"/> values rented from <see cref="IExpressionColumns.Buffers"/> (return it there).</summary>
    protected static double[] EvaluateToBuffer(ExpressionNode node, IExpressionColumns columns, int rows)
    {
        var buffer = columns.Buffers.Rent(rows);
        node.Evaluate(columns, buffer.AsSpan(0, rows));
        return buffer;
    }
}

internal sealed record NumberNode(int Position, double Value) : ExpressionNode(Position)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override double Evaluate(IExpressionRow row) => Value;

    public override void Evaluate(IExpressionColumns columns, Span<double> output) => output.Fill(Value);
}

internal sealed record StringNode(int Position, string Value) : ExpressionNode(Position)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override double Evaluate(IExpressionRow row) =>
        throw new InvalidOperationException("A string literal has no numeric value; binding rejects this.");

    public override void Evaluate(IExpressionColumns columns, Span<double> output) =>
        throw new InvalidOperationException("A string literal has no numeric value; binding rejects this.");
}

internal sealed record ReferenceNode(int Position, string Name) : ExpressionNode(Position)
{
    public int Slot { get; set; } = -1;
    public ReferenceKind Kind { get; set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override double Evaluate(IExpressionRow row) => row.Number(Slot);

    public override void Evaluate(IExpressionColumns columns, Span<double> output) => columns.Numbers(Slot).CopyTo(output);
}

internal sealed record NegateNode(int Position, ExpressionNode Operand) : ExpressionNode(Position)
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override double Evaluate(IExpressionRow row) => -Operand.Evaluate(row);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Evaluate(IExpressionColumns columns, Span<double> output)
    {
        Operand.Evaluate(columns, output);
        for (var i = 0; i < output.Length; i++) output[i] = -output[i];
    }
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Evaluate(IExpressionColumns columns, Span<double> output)
    {
        Left.Evaluate(columns, output);
        var buffer = EvaluateToBuffer(Right, columns, output.Length);
        ReadOnlySpan<double> right = buffer.AsSpan(0, output.Length);
        switch (Operator)
        {
            case '+': for (var i = 0; i < output.Length; i++) output[i] += right[i]; break;
            case '-': for (var i = 0; i < output.Length; i++) output[i] -= right[i]; break;
            case '*': for (var i = 0; i < output.Length; i++) output[i] *= right[i]; break;
            default: for (var i = 0; i < output.Length; i++) output[i] /= right[i]; break;
        }
        columns.Buffers.Return(buffer);
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Evaluate(IExpressionColumns columns, Span<double> output)
    {
        if (Function == "lookup")
        {
            EvaluateLookup(columns, output);
            return;
        }
        Arguments[0].Evaluate(columns, output);
        switch (Function)
        {
            case "abs": for (var i = 0; i < output.Length; i++) output[i] = Math.Abs(output[i]); break;
            case "log": for (var i = 0; i < output.Length; i++) output[i] = Math.Log(output[i]); break;
            case "sqrt": for (var i = 0; i < output.Length; i++) output[i] = Math.Sqrt(output[i]); break;
            default: // min, max
                var buffer = EvaluateToBuffer(Arguments[1], columns, output.Length);
                ReadOnlySpan<double> second = buffer.AsSpan(0, output.Length);
                if (Function == "min")
                    for (var i = 0; i < output.Length; i++) output[i] = Math.Min(output[i], second[i]);
                else
                    for (var i = 0; i < output.Length; i++) output[i] = Math.Max(output[i], second[i]);
                columns.Buffers.Return(buffer);
                break;
        }
    }

    // lookup(key, 'a', x, 'b', y, ...) on a block: each listed value evaluated once for the block, then per row the one
    // its key picks (the first listed, as row by row), NaN for a key the lookup does not list.
    private void EvaluateLookup(IExpressionColumns columns, Span<double> output)
    {
        var slot = ((ReferenceNode)Arguments[0]).Slot;
        var codes = columns.Codes(slot);
        var choices = (Arguments.Count - 1) / 2;
        var values = new double[choices][];
        for (var k = 0; k < choices; k++) values[k] = EvaluateToBuffer(Arguments[2 + 2 * k], columns, output.Length);
        var largest = 0;
        foreach (var code in codes) largest = Math.Max(largest, code);
        var choiceOf = new int[largest + 1]; // per code: 1 + the listed value it picks, -1 for none, 0 until looked up
        for (var i = 0; i < output.Length; i++)
        {
            var code = codes[i];
            var choice = choiceOf[code];
            if (choice == 0)
            {
                var key = columns.CodeText(slot, code);
                choice = -1;
                for (var k = 0; k < choices && choice < 0; k++)
                    if (((StringNode)Arguments[1 + 2 * k]).Value == key) choice = k + 1;
                choiceOf[code] = choice;
            }
            output[i] = choice > 0 ? values[choice - 1][i] : double.NaN;
        }
        foreach (var buffer in values) columns.Buffers.Return(buffer);
    }
}
