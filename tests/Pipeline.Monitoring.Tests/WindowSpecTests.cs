using Pipeline.Data;

namespace Pipeline.Monitoring.Tests;

public class WindowSpecTests
{
    [Theory]
    [InlineData("30m", 30 * 60)]
    [InlineData("1h", 3600)]
    [InlineData("1d", 86400)]
    [InlineData(" 2H ", 7200)]
    public void TimeForms_AreWindowsOfThatLength(string text, int seconds)
    {
        var spec = WindowSpec.Parse(text);

        Assert.True(spec.IsTime);
        Assert.Equal(TimeSpan.FromSeconds(seconds), spec.Duration);
        Assert.Null(spec.Rows);
    }

    [Theory]
    [InlineData("5000")]
    [InlineData("5000rows")]
    [InlineData("5000ROWS")]
    public void RowForms_AreWindowsOfThatManyRows_WrittenOneWay(string text)
    {
        var spec = WindowSpec.Parse(text);

        Assert.False(spec.IsTime);
        Assert.Equal(5000, spec.Rows);
        Assert.Equal("5000rows", spec.Text);
    }

    [Theory]
    [InlineData("1w")]
    [InlineData("0h")]
    [InlineData("0")]
    [InlineData("1.5h")]
    [InlineData("-5")]
    [InlineData("h")]
    [InlineData("hourly")]
    [InlineData("5000 rows")]
    [InlineData("")]
    public void AnythingElse_IsRefused_NamingTheOptionTheValueAndTheFormsAllowed(string text)
    {
        var error = Assert.Throws<DataException>(() => WindowSpec.Parse(text));

        Assert.Contains("--window", error.Message);
        Assert.Contains($"'{text}'", error.Message);
        Assert.Contains("30m, 1h, 1d", error.Message);
        Assert.Contains("5000rows", error.Message);
    }

    [Fact]
    public void AWindowLongerThanTenYears_IsRefused()
    {
        var error = Assert.Throws<DataException>(() => WindowSpec.Parse("4000d"));

        Assert.Contains("ten years", error.Message);
    }
}
