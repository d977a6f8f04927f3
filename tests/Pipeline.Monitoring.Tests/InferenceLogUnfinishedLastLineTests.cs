using Pipeline.Data;
using Pipeline.Data.Features;

namespace Pipeline.Monitoring.Tests;

/// <summary>
/// The scoring service appends to its log while the scheduled check reads it, and each service start opens a new file,
/// so a file's last line may be a record still being written, or one cut off when the service stopped. That line is
/// skipped (and said so), not a reason to refuse every future check of the folder; damage anywhere else still stops it.
/// </summary>
public sealed class InferenceLogUnfinishedLastLineTests
{
    private const string Record =
        """{"time":"2026-11-26T06:00:00Z","modelVersion":"2","score":0.25,"label":false,"features":{"Type":"M","Air temperature [K]":298.1,"Process temperature [K]":308.6,"Rotational speed [rpm]":1551,"Torque [Nm]":42.8,"Tool wear [min]":100}}""";

    private static string Records(int count) => string.Concat(Enumerable.Repeat(Record + "\n", count));

    [Fact]
    public void ARecordCutOffAtTheEndOfAnOlderFile_IsSkipped_AndTheSampleSaysSo()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("inference-20261126T050000-000000.jsonl", Records(3) + Record[..120]);
        directory.Write("inference-20261126T060000-000000.jsonl", Records(2));

        var sample = InferenceLogReader.Read(DriftSamples.Spec, directory.Path);

        Assert.Equal(5, sample.RowCount);
        Assert.Equal(5, sample.Scores!.Length);
        Assert.Contains("inference-20261126T050000-000000.jsonl, line 4", sample.Description);
        Assert.Contains("unfinished", sample.Description);
    }

    [Fact]
    public void ARecordBeingWrittenAtTheEndOfTheNewestFile_IsSkipped()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("inference-20261126T060000-000000.jsonl", Records(4) + Record[..^3]);

        var sample = InferenceLogReader.Read(DriftSamples.Spec, file);

        Assert.Equal(4, sample.RowCount);
        Assert.Contains("line 5", sample.Description);
    }

    [Fact]
    public void ACutOffRecordFollowedByMoreLines_StillStopsTheCheck_WithItsLine()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("inference-20261126T060000-000000.jsonl", Records(2) + Record[..120] + "\n" + Records(2));

        var error = Assert.Throws<DataException>(() => InferenceLogReader.Read(DriftSamples.Spec, file));

        Assert.Contains("line 3", error.Message);
    }

    [Fact]
    public void ALastLineThatIsCompleteButWrong_StillStopsTheCheck()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("inference-20261126T060000-000000.jsonl", Records(2) + "{\"features\": 5}");

        var error = Assert.Throws<DataException>(() => InferenceLogReader.Read(DriftSamples.Spec, file));

        Assert.Contains("line 3", error.Message);
    }
}
