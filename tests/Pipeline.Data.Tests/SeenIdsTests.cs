using Pipeline.Data.Loading;

namespace Pipeline.Data.Tests;

public sealed class SeenIdsTests
{
    [Fact]
    public void ADuplicateOfARowNumber_NamesTheLineItFirstAppearedOn()
    {
        var ids = new SeenIds();
        for (var id = 1L; id <= 100_000; id++)
            Assert.Null(ids.Add(id, id + 1)); // header on line 1

        Assert.Equal(50_001L, ids.Add(50_000, 100_002));
        Assert.Equal(2L, ids.Add(1, 100_003));
    }

    [Fact]
    public void IdsOutOfOrderOrWithGaps_AreCheckedOneByOne()
    {
        var ids = new SeenIds();
        Assert.Null(ids.Add(10, 2));
        Assert.Null(ids.Add(20, 3));
        Assert.Null(ids.Add(5, 4));
        Assert.Null(ids.Add(15, 5));
        Assert.Null(ids.Add(21, 6));

        Assert.Equal(4L, ids.Add(5, 7));
        Assert.Equal(5L, ids.Add(15, 8));
        Assert.Equal(6L, ids.Add(21, 9));
        Assert.Null(ids.Add(11, 10));
    }

    [Fact]
    public void ARunBrokenByASkippedLine_KeepsEachIdsOwnLine()
    {
        var ids = new SeenIds();
        Assert.Null(ids.Add(1, 2));
        Assert.Null(ids.Add(2, 3));
        Assert.Null(ids.Add(3, 5)); // a blank line before it

        Assert.Equal(5L, ids.Add(3, 6));
        Assert.Equal(3L, ids.Add(2, 7));
    }

    [Fact]
    public void TextIds_AreComparedExactly()
    {
        var ids = new SeenIds();
        Assert.Null(ids.Add("M14860", 2));
        Assert.Null(ids.Add("m14860", 3));

        Assert.Equal(2L, ids.Add("M14860", 4));
    }
}
