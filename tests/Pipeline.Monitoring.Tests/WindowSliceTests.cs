using Pipeline.Data;

namespace Pipeline.Monitoring.Tests;

public class WindowSliceTests
{
    static readonly DateTimeOffset Monday = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    static DateTimeOffset[] At(params double[] hours) => hours.Select(h => Monday.AddHours(h)).ToArray();

    [Fact]
    public void TimeWindows_AreAlignedToTheirLength_AndHoldTheRowsInsideThem()
    {
        var windows = WindowSlice.Split(WindowSpec.Parse("1h"), 5, At(0.25, 0.5, 1.0, 1.75, 2.5));

        Assert.Equal(new[] { Monday, Monday.AddHours(1), Monday.AddHours(2) }, windows.Select(w => w.Start!.Value));
        Assert.Equal(new[] { Monday.AddHours(1), Monday.AddHours(2), Monday.AddHours(3) }, windows.Select(w => w.End!.Value));
        Assert.Equal(new int[][] { [0, 1], [2, 3], [4] }, windows.Select(w => w.Rows));
    }

    [Fact]
    public void AGapInTheTraffic_HasNoWindow()
    {
        var windows = WindowSlice.Split(WindowSpec.Parse("1h"), 4, At(0.1, 0.2, 5.1, 5.2));

        Assert.Equal(2, windows.Count);
        Assert.Equal(Monday.AddHours(5), windows[1].Start);
        Assert.Equal([2, 3], windows[1].Rows);
    }

    [Fact]
    public void RecordsLoggedOutOfOrder_LandInTheWindowOfTheirTime_InTimeOrder()
    {
        var windows = WindowSlice.Split(WindowSpec.Parse("1h"), 5, At(1.5, 0.5, 1.2, 0.1, 0.5));

        Assert.Equal(2, windows.Count);
        Assert.Equal([3, 1, 4], windows[0].Rows); // by time; the two records of 00:30 keep their logged order
        Assert.Equal([2, 0], windows[1].Rows);
    }

    [Fact]
    public void DataWithinOneWindow_IsASingleWindow()
    {
        var windows = WindowSlice.Split(WindowSpec.Parse("1d"), 3, At(1, 7, 23.9));

        var window = Assert.Single(windows);
        Assert.Equal(Monday, window.Start);
        Assert.Equal(Monday.AddDays(1), window.End);
        Assert.Equal([0, 1, 2], window.Rows);
    }

    [Fact]
    public void TimesInAnotherOffset_AreWindowedInUtc()
    {
        var local = new DateTimeOffset(2026, 11, 23, 1, 30, 0, TimeSpan.FromHours(2)); // 2026-11-22 23:30 UTC

        var window = Assert.Single(WindowSlice.Split(WindowSpec.Parse("1d"), 1, [local]));

        Assert.Equal(Monday.AddDays(-1), window.Start);
    }

    [Fact]
    public void RowWindows_AreConsecutiveChunks_TheLastOneShorter_WithTheirRecordsTimes()
    {
        var windows = WindowSlice.Split(WindowSpec.Parse("2rows"), 5, At(0, 1, 2, 3, 4));

        Assert.Equal(new[] { 2, 2, 1 }, windows.Select(w => w.Rows.Length));
        Assert.Equal(Monday.AddHours(2), windows[1].Start);
        Assert.Equal(Monday.AddHours(3), windows[1].End);
    }

    [Fact]
    public void RowWindows_WithoutTimes_FollowTheOrderRead()
    {
        var windows = WindowSlice.Split(WindowSpec.Parse("3"), 7, null);

        Assert.Equal(new int[][] { [0, 1, 2], [3, 4, 5], [6] }, windows.Select(w => w.Rows));
        Assert.All(windows, w => Assert.Null(w.Start));
    }

    [Fact]
    public void ATimeWindow_OnDataWithoutTimes_IsRefused_SayingWhyAndOfferingTheRowForm()
    {
        var error = Assert.Throws<DataException>(() => WindowSlice.Split(WindowSpec.Parse("1h"), 10, null, "the CSV current.csv has no timestamps"));

        Assert.Contains("--window 1h", error.Message);
        Assert.Contains("the CSV current.csv has no timestamps", error.Message);
        Assert.Contains("--window 5000rows", error.Message);
    }

    [Fact]
    public void MoreWindowsThanTheCheckHandles_AreRefused_AskingForALongerWindow()
    {
        var times = Enumerable.Range(0, 2000).Select(i => Monday.AddMinutes(i)).ToArray();

        var error = Assert.Throws<DataException>(() => WindowSlice.Split(WindowSpec.Parse("1m"), times.Length, times));

        Assert.Contains("--window 1m", error.Message);
        Assert.Contains("longer window", error.Message);
    }
}
