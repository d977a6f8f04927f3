using Pipeline.Data;

namespace Pipeline.Monitoring.Tests;

/// <summary>The inference log's record times, which windows over time need.</summary>
public sealed class InferenceLogTimesTests
{
    static string Line(string? time) =>
        "{" + (time is null ? "" : "\"time\":" + time + ",") +
        """ "score":0.1,"features":{"Type":"M","Air temperature [K]":298.1,"Process temperature [K]":308.6,"Rotational speed [rpm]":1551,"Torque [Nm]":42.8,"Tool wear [min]":100}}""";

    [Fact]
    public void EveryRecordsTime_IsRead_WithItsOffset()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("inference-1.jsonl", string.Join("\n", Line("\"2026-11-26T06:00:00Z\""), Line("\"2026-11-26T08:30:00+02:00\"")));

        var current = InferenceLogReader.ReadCurrent(DriftSamples.Spec, file);

        Assert.Equal(new[] { new DateTimeOffset(2026, 11, 26, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 26, 6, 30, 0, TimeSpan.Zero) }, current.Times!);
        Assert.Null(current.NoTimes);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("\"yesterday\"")]
    [InlineData("1764136800")]
    public void ARecordWithoutAValidTime_IsStillRead_ButATimeWindowIsRefusedNamingIt(string? time)
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("inference-1.jsonl", string.Join("\n", Line("\"2026-11-26T06:00:00Z\""), Line(time)));

        var current = InferenceLogReader.ReadCurrent(DriftSamples.Spec, file);
        var error = Assert.Throws<DataException>(() => WindowSlice.Split(WindowSpec.Parse("1h"), current.Sample.RowCount, current.Times, current.NoTimes));

        Assert.Equal(2, current.Sample.RowCount);
        Assert.Null(current.Times);
        Assert.Contains($"{file}, line 2", error.Message);
        Assert.Contains("\"time\"", error.Message);
        Assert.Equal(2, WindowSlice.Split(WindowSpec.Parse("1rows"), current.Sample.RowCount, current.Times, current.NoTimes).Count);
    }
}
