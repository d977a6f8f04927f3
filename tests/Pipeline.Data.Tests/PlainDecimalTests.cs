using System.Globalization;
using Pipeline.Data.Text;

namespace Pipeline.Data.Tests;

public sealed class PlainDecimalTests
{
    [Fact]
    public void PlainDecimals_ParseToExactlyTheGeneralParsersDouble()
    {
        var random = new Random(17);
        for (var i = 0; i < 200_000; i++)
        {
            var digits = random.Next(1, 16);
            var mantissa = (long)(random.NextDouble() * Math.Pow(10, digits));
            var decimals = random.Next(0, Math.Min(digits, 8) + 1);
            var text = mantissa.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
            if (decimals > 0) text = text[..^decimals] + "." + text[^decimals..];
            if (random.Next(4) == 0) text = "-" + text;

            Assert.True(PlainDecimal.TryParse(text, out var fast), text);
            Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(fast));
        }
    }

    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("5.", 5.0)]
    [InlineData(".5", 0.5)]
    [InlineData("298.1", 298.1)]
    [InlineData("-0.25", -0.25)]
    public void EdgeForms_ParseAsTheGeneralParserReadsThem(string text, double expected)
    {
        Assert.True(PlainDecimal.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1e5")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData("1.2.3")]
    [InlineData("NaN")]
    [InlineData("1234567890123456")]
    public void OtherText_IsLeftToTheGeneralParser(string text)
    {
        Assert.False(PlainDecimal.TryParse(text, out _));
    }
}
