using Pipeline.Data.Features.Expressions;

namespace Pipeline.Data.Tests;

public sealed class DerivedExpressionTests
{
    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("-2 * -3 - 1", 5)]
    [InlineData("10 / 4", 2.5)]
    [InlineData("2 * pi", 2 * Math.PI)]
    [InlineData("1e3 + .5", 1000.5)]
    [InlineData("min(3, 1 + 1) + max(-1, abs(-4))", 6)]
    [InlineData("sqrt(16) + log(1)", 4)]
    public void Arithmetic_FollowsUsualPrecedence(string text, double expected)
    {
        var expression = DerivedExpression.Parse(text);
        expression.Bind(_ => null);

        Assert.Equal(expected, expression.Evaluate(new Row()), 10);
    }

    [Fact]
    public void BracketedReferences_MayContainBalancedBrackets()
    {
        var expression = DerivedExpression.Parse("[Torque [Nm]] * [Rotational speed [rpm]] * 2 * pi / 60");

        Assert.Equal(["Torque [Nm]", "Rotational speed [rpm]"], expression.References);
        expression.Bind(name => name == "Torque [Nm]" ? (0, ReferenceKind.Number) : (1, ReferenceKind.Number));
        Assert.Equal(40 * 1500 * 2 * Math.PI / 60, expression.Evaluate(new Row { Numbers = [40, 1500] }), 9);
    }

    [Fact]
    public void Lookup_PicksTheValueListedForTheCategory()
    {
        var expression = DerivedExpression.Parse("[w] / lookup([Type], 'L', 11000, 'M', 12000, 'H', 13000)");
        expression.Bind(name => name == "w" ? (0, ReferenceKind.Number) : (1, ReferenceKind.Text));

        Assert.Equal(1.0, expression.Evaluate(new Row { Numbers = [12000], Texts = ["", "M"] }));
        Assert.Equal(double.PositiveInfinity, 1 / expression.Evaluate(new Row { Numbers = [0], Texts = ["", "H"] }));
        Assert.True(double.IsNaN(expression.Evaluate(new Row { Numbers = [1], Texts = ["", "X"] })));
    }

    [Theory]
    [InlineData("[a] + [b] * 2 - -[a] / [b]")]
    [InlineData("min([a], [b]) + max([a], 3) + abs([b]) + sqrt([a]) + log([b])")] // NaN for negatives, -Infinity for 0
    [InlineData("[a] / [b] * 2 * pi / 60")] // ±Infinity and NaN where b is 0
    [InlineData("lookup([t], 'L', [a] * 2, 'M', 1 / [b], 'L', 7)")] // the first of two listed values; NaN for H
    public void ColumnEvaluation_GivesTheRowByRowValues_ToTheBit(string text)
    {
        var expression = DerivedExpression.Parse(text);
        expression.Bind(name => name switch { "a" => (0, ReferenceKind.Number), "b" => (1, ReferenceKind.Number), _ => (2, ReferenceKind.Text) });
        double[] a = [1.5, -2, 0, 16, 1e300, -0.0, 3];
        double[] b = [0, 4, -3.25, 0, 1e-300, 2, 0.1];
        int[] t = [0, 1, 2, 1, 0, 2, 1];
        string[] domain = ["L", "M", "H"];

        var byColumn = new double[a.Length];
        expression.Evaluate(new Columns(a, b, t, domain), byColumn);
        var byRow = a.Select((_, i) => expression.Evaluate(new Row { Numbers = [a[i], b[i]], Texts = ["", "", domain[t[i]]] })).ToArray();

        Assert.Equal(byRow.Select(BitConverter.DoubleToInt64Bits), byColumn.Select(BitConverter.DoubleToInt64Bits));
    }

    [Theory]
    [InlineData("1 +", "position 4", "ends where")]
    [InlineData("[Torque [Nm] * 2", "position 1", "not closed")]
    [InlineData("2 * (3 + 4", "position 11", "')'")]
    [InlineData("Torque * 2", "position 1", "unknown name 'Torque'")]
    [InlineData("1 2", "position 3", "unexpected '2'")]
    [InlineData("min(1)", "position 1", "min takes 2 argument(s)")]
    [InlineData("lookup([Type], 'L')", "position 1", "pairs of 'key', value")]
    [InlineData("lookup([Type], 1, 2)", "position 16", "quoted key")]
    [InlineData("2 # 3", "position 3", "unexpected '#'")]
    [InlineData("[]", "position 1", "empty column reference")]
    public void SyntaxError_NamesThePosition(string text, string position, string what)
    {
        var error = Assert.Throws<ExpressionException>(() => DerivedExpression.Parse(text));

        Assert.Contains(position, error.Message);
        Assert.Contains(what, error.Message);
        Assert.Contains($"'{text}'", error.Message);
    }

    [Fact]
    public void CategoricalUsedAsNumber_IsRejectedAtBinding()
    {
        var expression = DerivedExpression.Parse("[Type] * 2");

        var error = Assert.Throws<ExpressionException>(() => expression.Bind(_ => (0, ReferenceKind.Text)));

        Assert.Contains("uses the categorical column [Type]", error.Message);
    }

    [Fact]
    public void UnknownReference_IsRejectedAtBinding()
    {
        var expression = DerivedExpression.Parse("[Torque [Nm]] + [Humidity]");

        var error = Assert.Throws<ExpressionException>(() => expression.Bind(n => n == "Torque [Nm]" ? (0, ReferenceKind.Number) : null));

        Assert.Contains("[Humidity]", error.Message);
        Assert.Equal(16, error.Position);
    }

    private sealed class Columns(double[] a, double[] b, int[] codes, string[] domain) : IExpressionColumns
    {
        public ReadOnlySpan<double> Numbers(int slot) => slot == 0 ? a : b;

        public ReadOnlySpan<int> Codes(int slot) => codes;

        public string CodeText(int slot, int code) => domain[code];
    }

    private sealed class Row : IExpressionRow
    {
        public double[] Numbers { get; init; } = [];
        public string[] Texts { get; init; } = [];

        public double Number(int slot) => Numbers[slot];

        public string Text(int slot) => Texts[slot];
    }
}
