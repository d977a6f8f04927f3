using Pipeline.Data;

namespace Pipeline.Monitoring.Tests;

/// <summary>Each window is a drift check of its own, with the thresholds of its own n.</summary>
public class DriftWindowTests
{
    static readonly DriftReference Reference = new(DriftSamples.Synthetic(5_000, 1), new DriftSettings());

    [Fact]
    public void WindowsOfDifferentSizes_AreJudgedAgainstThresholdsAtTheirOwnN()
    {
        var current = DriftSamples.Synthetic(1_500, 2);
        var spec = WindowSpec.Parse("1000rows");

        var windows = DriftWindow.CheckAll(Reference, current, null, spec, WindowSlice.Split(spec, current.RowCount, null), null);

        Assert.Equal(new[] { 1000, 500 }, windows.Select(w => w.Rows));
        var large = windows[0].Check!;
        var small = windows[1].Check!;
        Assert.Equal(1000, large.CurrentRows);
        Assert.Equal(500, small.CurrentRows);
        foreach (var column in DriftSamples.NumericColumns.Append("Type"))
        {
            var atThousand = large.Features.Single(f => f.Column == column);
            var atFiveHundred = small.Features.Single(f => f.Column == column);
            Assert.Equal(1000, atThousand.Rows);
            Assert.Equal(500, atFiveHundred.Rows);
            // Fewer rows, noisier PSI: an undrifted batch of 500 reaches higher values, so its threshold is higher.
            Assert.True(atFiveHundred.Threshold > atThousand.Threshold, $"{column}: threshold {atFiveHundred.Threshold} at n 500 vs {atThousand.Threshold} at n 1000");
        }
    }

    [Fact]
    public void AWindowShiftedAfterAQuietOne_IsTheOneThatDrifts()
    {
        var quiet = DriftSamples.Synthetic(1_000, 3);
        var hot = DriftSamples.Synthetic(1_000, 4, (numeric, _) =>
        {
            var air = numeric["Air temperature [K]"];
            for (var i = 0; i < air.Length; i++) air[i] += 3;
        });
        var current = Concatenate(quiet, hot);
        var spec = WindowSpec.Parse("1000");

        var windows = DriftWindow.CheckAll(Reference, current, null, spec, WindowSlice.Split(spec, current.RowCount, null), null);

        Assert.Equal(new[] { "no drift", "drift" }, windows.Select(w => w.Verdict));
        Assert.Equal(new[] { "Air temperature [K]" }, windows[1].Check!.Drifted.Select(f => f.Column));
        Assert.Equal(["Air temperature [K]"], windows[1].ToSummary().DriftedFeatures);
    }

    [Fact]
    public void AWindowWithTooFewRows_IsListedButNotChecked()
    {
        var current = DriftSamples.Synthetic(1_050, 5);
        var spec = WindowSpec.Parse("500rows");

        var windows = DriftWindow.CheckAll(Reference, current, null, spec, WindowSlice.Split(spec, current.RowCount, null), null);

        Assert.Equal(3, windows.Count);
        Assert.Null(windows[2].Check);
        Assert.Equal("not checked", windows[2].Verdict);
        Assert.Contains("50 rows, fewer than the 100", windows[2].NotChecked);
        Assert.Contains("not checked", windows[2].Describe(2));
    }

    [Fact]
    public void RowWindowsSmallerThanACheckNeeds_AreRefused_NamingTheOptionAndTheMinimum()
    {
        var current = DriftSamples.Synthetic(500, 6);
        var spec = WindowSpec.Parse("50rows");

        var error = Assert.Throws<DataException>(() => DriftWindow.Slices(spec, current, new DriftSettings()));

        Assert.Contains("--window 50rows", error.Message);
        Assert.Contains("--window 100rows", error.Message);
    }

    [Fact]
    public void Labels_NameTheWindowsTimeSpanInUtc_OrItsPositionWithoutTimes()
    {
        var day = new DateTimeOffset(2026, 11, 29, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal("2026-11-29 10:00–11:00 UTC", DriftWindow.Label(new WindowSlice(day.AddHours(10), day.AddHours(11), [0]), 0));
        Assert.Equal("2026-11-29 00:00–24:00 UTC", DriftWindow.Label(new WindowSlice(day, day.AddDays(1), [0]), 0));
        Assert.Equal("2026-11-29 23:00 to 2026-11-30 01:00 UTC", DriftWindow.Label(new WindowSlice(day.AddHours(23), day.AddHours(25), [0]), 0));
        Assert.Equal("#3", DriftWindow.Label(new WindowSlice(null, null, [0]), 2));
    }

    static Pipeline.Data.Features.FeatureSample Concatenate(Pipeline.Data.Features.FeatureSample first, Pipeline.Data.Features.FeatureSample second) =>
        Pipeline.Data.Features.FeatureSample.FromColumns(DriftSamples.Spec, "quiet then hot",
            DriftSamples.NumericColumns.ToDictionary(c => c, c => first.Numeric(c).Concat(second.Numeric(c)).ToArray()),
            new Dictionary<string, string[]> { ["Type"] = first.Categories("Type").Concat(second.Categories("Type")).ToArray() });
}
