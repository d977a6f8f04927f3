using Pipeline.Data;
using Pipeline.Data.Features;

namespace Pipeline.Monitoring.Tests;

public sealed class DriftInferenceLogTests
{
    private static string Line(string type = "\"M\"", string air = "298.1", double score = 0.0025, string extra = "") =>
        $$$"""{"time":"2026-11-26T06:00:00Z","modelVersion":"2","score":{{{score.ToString(System.Globalization.CultureInfo.InvariantCulture)}}},"label":false{{{extra}}},"features":{"Type":{{{type}}},"Air temperature [K]":{{{air}}},"Process temperature [K]":308.6,"Rotational speed [rpm]":1551,"Torque [Nm]":42.8,"Tool wear [min]":100}}""";

    [Fact]
    public void Folder_IsReadInFileNameOrder_WithFeaturesAndScores()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("inference-20261126T060000-000001.jsonl", Line("\"H\"", "301", 0.5) + "\n");
        directory.Write("inference-20261126T050000-000000.jsonl", Line("\"L\"", "299", 0.25, extra: ",\"causes\":{\"TWF\":0.1}") + "\n\n" + Line("\"M\"", "300", 0.125) + "\n");
        directory.Write("notes.txt", "not a log file");

        var sample = InferenceLogReader.Read(DriftSamples.Spec, directory.Path);

        Assert.Equal(3, sample.RowCount);
        Assert.Equal(["L", "M", "H"], sample.Categories("Type"));
        Assert.Equal([299.0, 300.0, 301.0], sample.Numeric("Air temperature [K]"));
        Assert.Equal([0.25f, 0.125f, 0.5f], sample.Scores!);
        Assert.Equal(DriftSamples.Spec.Columns.Where(c => c.IsFeature).Select(c => c.Name), sample.Columns);
        Assert.Contains("2 files", sample.Description);
    }

    [Fact]
    public void SingleFile_IsReadToo()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("inference-1.jsonl", string.Join("\n", Enumerable.Repeat(Line(), 5)));

        var sample = InferenceLogReader.Read(DriftSamples.Spec, file);

        Assert.Equal(5, sample.RowCount);
        Assert.Contains(file, sample.Description);
    }

    [Fact]
    public void LogOfSimulatedRequests_ComparesWithoutDriftAgainstTheSameRows()
    {
        using var directory = new TemporaryDirectory();
        var reference = DriftSamples.Simulated(300, 5);
        var lines = Enumerable.Range(0, reference.RowCount).Select(i =>
            $$$"""{"score":0.1,"features":{"Type":"{{{reference.Categories("Type")[i]}}}",{{{string.Join(",", DriftSamples.NumericColumns.Select(c => $"\"{c}\":{reference.Numeric(c)[i].ToString(System.Globalization.CultureInfo.InvariantCulture)}"))}}}}}""");
        directory.Write("inference-a.jsonl", string.Join("\n", lines));

        var logged = InferenceLogReader.Read(DriftSamples.Spec, directory.Path);
        var result = DriftDetector.Compare(reference, logged, new DriftSettings());

        Assert.False(result.DriftDetected);
        Assert.All(result.Features, f => Assert.Equal(0, f.Psi, 12));
    }

    [Theory]
    [InlineData("{\"score\":0.1,\"features\":{\"Type\":\"M\"", "line 2 is not valid JSON")]
    [InlineData("[1,2]", "line 2 is a JSON array; expected an object")]
    [InlineData("{\"score\":0.1}", "line 2: the record has no \"features\" object")]
    [InlineData("{\"score\":\"high\",\"features\":{}}", "line 2, field 'score'")]
    public void MalformedLine_IsAnErrorNamingFileAndLine(string badLine, string expected)
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("inference-1.jsonl", Line() + "\n" + badLine + "\n" + Line() + "\n");

        var error = Assert.Throws<DataException>(() => InferenceLogReader.Read(DriftSamples.Spec, directory.Path));

        Assert.Contains(file, error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Equal(2, error.Line);
        Assert.Equal(file, error.FilePath);
    }

    [Fact]
    public void BytesThatAreNotUtf8_AreAnErrorNamingFileAndLine()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("inference-1.jsonl", [.. System.Text.Encoding.UTF8.GetBytes(Line() + "\n"), 0xff, 0xfe, (byte)'\n']);

        var error = Assert.Throws<DataException>(() => InferenceLogReader.Read(DriftSamples.Spec, file));

        Assert.Contains($"{file}, line 2 is not UTF-8 text", error.Message);
    }

    [Fact]
    public void RecordMissingAField_IsAnErrorNamingFileLineAndField()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("inference-1.jsonl", Line() + "\n" + Line() + "\n" + Line().Replace("\"Torque [Nm]\":42.8,", "") + "\n");

        var error = Assert.Throws<DataException>(() => InferenceLogReader.Read(DriftSamples.Spec, file));

        Assert.Contains($"{file}, line 3, field 'Torque [Nm]'", error.Message);
        Assert.Contains("Missing field 'Torque [Nm]'", error.Message);
        Assert.Equal(3, error.Line);
        Assert.Equal("Torque [Nm]", error.Column);
    }

    [Fact]
    public void WrongType_IsAnErrorNamingFileLineAndField()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("inference-1.jsonl", Line(air: "\"hot\"") + "\n");

        var error = Assert.Throws<DataException>(() => InferenceLogReader.Read(DriftSamples.Spec, directory.Path));

        Assert.Contains($"{file}, line 1, field 'Air temperature [K]'", error.Message);
        Assert.Contains("wrong type", error.Message);
        Assert.Contains("expected a number", error.Message);
    }

    [Fact]
    public void UnknownCategory_IsAnErrorNamingTheField()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("inference-1.jsonl", Line(type: "\"X\"") + "\n");

        var error = Assert.Throws<DataException>(() => InferenceLogReader.Read(DriftSamples.Spec, directory.Path));

        Assert.Contains("line 1, field 'Type'", error.Message);
        Assert.Contains("\"X\"", error.Message);
    }

    [Fact]
    public void EmptyFolder_IsAnErrorSayingThereAreNoRecords()
    {
        using var directory = new TemporaryDirectory();

        var error = Assert.Throws<DataException>(() => InferenceLogReader.Read(DriftSamples.Spec, directory.Path));

        Assert.Contains(directory.Path, error.Message);
        Assert.Contains("no records", error.Message);
        Assert.Contains("inference-*.jsonl", error.Message);
    }

    [Fact]
    public void LogFilesWithOnlyBlankLines_AreAnErrorSayingThereAreNoRecords()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("inference-1.jsonl", "");
        directory.Write("inference-2.jsonl", "\n\n");

        var error = Assert.Throws<DataException>(() => InferenceLogReader.Read(DriftSamples.Spec, directory.Path));

        Assert.Contains("has no records", error.Message);
        Assert.Contains("2 files are empty", error.Message);
    }

    [Fact]
    public void MissingPath_IsAnErrorNamingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-log-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<DataException>(() => InferenceLogReader.Read(DriftSamples.Spec, path));

        Assert.Contains(path, error.Message);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void RecordsWithoutScores_GiveNoScores()
    {
        using var directory = new TemporaryDirectory();
        directory.Write("inference-1.jsonl", Line() + "\n" + Line().Replace("\"score\":0.0025,", "") + "\n");

        var sample = InferenceLogReader.Read(DriftSamples.Spec, directory.Path);

        Assert.Equal(2, sample.RowCount);
        Assert.Null(sample.Scores);
    }
}
