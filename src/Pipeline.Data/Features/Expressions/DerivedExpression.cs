using System.Globalization;
using System.Text;

namespace Pipeline.Data.Features.Expressions;

/// <summary>
/// A parsed derived-feature expression. Syntax: numbers (<c>2.5</c>, <c>1e3</c>), the constant <c>pi</c>,
/// <c>+ - * /</c>, parentheses, unary minus, references to columns or earlier derived features in square
/// brackets (<c>[Torque [Nm]]</c> — brackets inside a name must balance), and the functions
/// <c>abs(x)</c>, <c>min(x, y)</c>, <c>max(x, y)</c>, <c>log(x)</c>, <c>sqrt(x)</c> and
/// <c>lookup([Categorical], 'A', x, 'B', y, …)</c>, which picks the value listed for the row's category.
/// </summary>
public sealed class DerivedExpression
{
    private static readonly Dictionary<string, int> FixedArity = new()
    {
        ["abs"] = 1, ["min"] = 2, ["max"] = 2, ["log"] = 1, ["sqrt"] = 1,
    };

    private readonly ExpressionNode _root;
    private readonly List<ReferenceNode> _references;

    private DerivedExpression(string text, ExpressionNode root, List<ReferenceNode> references)
    {
        Text = text;
        _root = root;
        _references = references;
    }

    /// <summary>The expression's source text.</summary>
    public string Text { get; }

    /// <summary>The names referenced, in order of appearance (duplicates removed).</summary>
    public IReadOnlyList<string> References => _references.Select(r => r.Name).Distinct().ToList();

    /// <summary>Parses an expression.</summary>
    /// <exception cref="ExpressionException">The text is not a valid expression; the message gives the position.</exception>
    public static DerivedExpression Parse(string text)
    {
        var parser = new Parser(text);
        var root = parser.ParseExpression();
        parser.ExpectEnd();
        return new DerivedExpression(text, root, parser.References);
    }

    /// <summary>
    /// Binds every reference to a slot. <paramref name="resolve"/> returns the slot and kind of a name, or null
    /// if the name is unknown or not usable.
    /// </summary>
    /// <exception cref="ExpressionException">A reference is unknown or used as the wrong kind.</exception>
    public void Bind(Func<string, (int Slot, ReferenceKind Kind)?> resolve)
    {
        foreach (var reference in _references)
        {
            var resolved = resolve(reference.Name) ?? throw new ExpressionException(
                $"The expression '{Text}' refers to [{reference.Name}] at position {reference.Position + 1}, which is not a numeric, boolean or categorical feature column or an earlier derived feature.",
                reference.Position, reference.Name);
            reference.Slot = resolved.Slot;
            reference.Kind = resolved.Kind;
        }
        CheckKinds(_root, textAllowed: false);
    }

    /// <summary>Evaluates the bound expression on a row.</summary>
    public double Evaluate(IExpressionRow row) => _root.Evaluate(row);

    /// <summary>
    /// Evaluates the bound expression on a block of rows into <paramref name="output"/>, one value per row: the values
    /// row-by-row evaluation gives, computed an operation at a time over the block.
    /// </summary>
    public void Evaluate(IExpressionColumns columns, Span<double> output) => _root.Evaluate(columns, output);

    private void CheckKinds(ExpressionNode node, bool textAllowed)
    {
        switch (node)
        {
            case ReferenceNode { Kind: ReferenceKind.Text } r when !textAllowed:
                throw new ExpressionException(
                    $"The expression '{Text}' uses the categorical column [{r.Name}] at position {r.Position + 1} as a number; use lookup([{r.Name}], 'value', number, …) instead.",
                    r.Position, r.Name);
            case NegateNode n:
                CheckKinds(n.Operand, false);
                break;
            case BinaryNode b:
                CheckKinds(b.Left, false);
                CheckKinds(b.Right, false);
                break;
            case CallNode { Function: "lookup" } c:
                if (c.Arguments[0] is not ReferenceNode { Kind: ReferenceKind.Text })
                    throw new ExpressionException(
                        $"The expression '{Text}': lookup at position {c.Position + 1} needs a categorical column reference as its first argument.",
                        c.Position);
                for (var i = 2; i < c.Arguments.Count; i += 2)
                    CheckKinds(c.Arguments[i], false);
                break;
            case CallNode c:
                foreach (var a in c.Arguments)
                    CheckKinds(a, false);
                break;
        }
    }

    private sealed class Parser(string text)
    {
        private int _pos;

        public List<ReferenceNode> References { get; } = [];

        public ExpressionNode ParseExpression()
        {
            var left = ParseTerm();
            while (Peek() is '+' or '-')
            {
                var at = _pos;
                var op = text[_pos++];
                left = new BinaryNode(at, op, left, ParseTerm());
            }
            return left;
        }

        public void ExpectEnd()
        {
            SkipSpace();
            if (_pos < text.Length)
                throw Error($"unexpected '{text[_pos]}'; expected an operator (+ - * /) or the end");
        }

        private ExpressionNode ParseTerm()
        {
            var left = ParseUnary();
            while (Peek() is '*' or '/')
            {
                var at = _pos;
                var op = text[_pos++];
                var right = ParseUnary();
                // Caught here rather than on the first row: a constant divisor of 0 can never give a number.
                if (op == '/' && right is NumberNode { Value: 0 })
                    throw Error("division by the constant 0", at);
                left = new BinaryNode(at, op, left, right);
            }
            return left;
        }

        private ExpressionNode ParseUnary()
        {
            if (Peek() == '-')
            {
                var at = _pos++;
                return new NegateNode(at, ParseUnary());
            }
            if (Peek() == '+')
            {
                _pos++;
                return ParseUnary();
            }
            return ParsePrimary();
        }

        private ExpressionNode ParsePrimary()
        {
            var c = Peek();
            var at = _pos;
            switch (c)
            {
                case '\0':
                    throw Error("the expression ends where a number, [column], function or '(' was expected");
                case '(':
                    _pos++;
                    var inner = ParseExpression();
                    Expect(')');
                    return inner;
                case '[':
                    var reference = new ReferenceNode(at, ReadBracketedName());
                    References.Add(reference);
                    return reference;
                case '\'':
                    return new StringNode(at, ReadString());
            }
            if (char.IsDigit(c) || c == '.')
                return new NumberNode(at, ReadNumber());
            if (char.IsLetter(c))
            {
                var name = ReadIdentifier();
                if (name == "pi")
                    return new NumberNode(at, Math.PI);
                if (name != "lookup" && !FixedArity.ContainsKey(name))
                    throw Error($"unknown name '{name}' (column references go in square brackets, e.g. [Torque [Nm]]; functions are abs, min, max, log, sqrt, lookup)", at);
                return ParseCall(name, at);
            }
            throw Error($"unexpected '{c}'; expected a number, [column], function or '('");
        }

        private ExpressionNode ParseCall(string name, int at)
        {
            Expect('(');
            var arguments = new List<ExpressionNode>();
            if (Peek() != ')')
            {
                arguments.Add(ParseExpression());
                while (Peek() == ',')
                {
                    _pos++;
                    arguments.Add(ParseExpression());
                }
            }
            Expect(')');
            if (FixedArity.TryGetValue(name, out var arity))
            {
                if (arguments.Count != arity)
                    throw Error($"{name} takes {arity} argument(s), got {arguments.Count}", at);
                if (arguments.OfType<StringNode>().FirstOrDefault() is { } s)
                    throw Error($"a quoted string can only be a lookup key", s.Position);
            }
            else
            {
                if (arguments.Count < 3 || arguments.Count % 2 == 0)
                    throw Error("lookup takes a [column] followed by pairs of 'key', value", at);
                for (var i = 1; i < arguments.Count; i++)
                {
                    var isKey = i % 2 == 1;
                    if (isKey && arguments[i] is not StringNode)
                        throw Error($"lookup argument {i + 1} must be a quoted key like 'L'", arguments[i].Position);
                    if (!isKey && arguments[i] is StringNode)
                        throw Error($"lookup argument {i + 1} must be a number or expression, not a quoted key", arguments[i].Position);
                }
            }
            return new CallNode(at, name, arguments);
        }

        private string ReadBracketedName()
        {
            var start = _pos;
            _pos++; // '['
            var depth = 1;
            var name = new StringBuilder();
            while (_pos < text.Length)
            {
                var c = text[_pos++];
                if (c == '[') depth++;
                else if (c == ']' && --depth == 0)
                {
                    if (name.Length == 0)
                        throw Error("empty column reference []", start);
                    return name.ToString();
                }
                name.Append(c);
            }
            throw Error("the column reference is not closed; add ']' (brackets inside a name must balance)", start);
        }

        private string ReadString()
        {
            var start = _pos++;
            var end = text.IndexOf('\'', _pos);
            if (end < 0)
                throw Error("the quoted key is not closed; add a closing '", start);
            var value = text[_pos..end];
            _pos = end + 1;
            return value;
        }

        private double ReadNumber()
        {
            var start = _pos;
            while (_pos < text.Length && (char.IsDigit(text[_pos]) || text[_pos] == '.'))
                _pos++;
            if (_pos < text.Length && text[_pos] is 'e' or 'E')
            {
                _pos++;
                if (_pos < text.Length && text[_pos] is '+' or '-') _pos++;
                while (_pos < text.Length && char.IsDigit(text[_pos])) _pos++;
            }
            var token = text[start.._pos];
            if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                throw Error($"'{token}' is not a number", start);
            return value;
        }

        private string ReadIdentifier()
        {
            var start = _pos;
            while (_pos < text.Length && (char.IsLetterOrDigit(text[_pos]) || text[_pos] == '_'))
                _pos++;
            return text[start.._pos];
        }

        private void Expect(char c)
        {
            if (Peek() != c)
                throw Error(_pos >= text.Length ? $"the expression ends where '{c}' was expected" : $"expected '{c}' but found '{text[_pos]}'");
            _pos++;
        }

        private char Peek()
        {
            SkipSpace();
            return _pos < text.Length ? text[_pos] : '\0';
        }

        private void SkipSpace()
        {
            while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
                _pos++;
        }

        private ExpressionException Error(string what, int? at = null)
        {
            var position = at ?? _pos;
            return new ExpressionException($"The expression '{text}' is invalid at position {position + 1}: {what}.", position);
        }
    }
}
