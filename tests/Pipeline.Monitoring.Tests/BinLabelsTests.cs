using Pipeline.Monitoring;

namespace Pipeline.Monitoring.Tests;

public sealed class BinLabelsTests
{
    [Fact]
    public void NumericEdges_AreShortenedToTheFewestDigitsThatKeepThemApart()
    {
        var labels = BinLabels.Compact(["< 1538.12", "[1538.12, 1612.47)", "[1612.47, 1700.03)", "≥ 1700.03"]);

        Assert.Equal(["< 1540", "[1540, 1610)", "[1610, 1700)", "≥ 1700"], labels);
    }

    [Fact]
    public void EdgesCloseTogether_KeepEnoughDigitsToStayDistinct()
    {
        var labels = BinLabels.Compact(["< 0.0123457", "[0.0123457, 0.0124568)", "≥ 0.0124568"]);

        Assert.Equal(["< 0.0123", "[0.0123, 0.0125)", "≥ 0.0125"], labels);
        Assert.All(labels, l => Assert.True(l.Length <= 16, l));
    }

    [Fact]
    public void CategoryLabels_AreLeftAsTheyAre()
    {
        string[] categories = ["H1", "L", "2026-01"];

        Assert.Equal(categories, BinLabels.Compact(categories));
    }
}
