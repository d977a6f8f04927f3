using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using Pipeline.Data.Validation;

namespace Pipeline.Data.Tests;

/// <summary>
/// The malformed-input corpus: every case must give a <see cref="DataException"/> whose message names the file,
/// the line and (where the file is text at all) the column, both from the strict loader and from validation —
/// never an unhandled exception.
/// </summary>
public sealed class CsvErrorLocationTests
{
    private static readonly DatasetSpec Spec = DatasetSpec.Load(Path.Combine(RepositoryRoot.Path, "data", "ai4i2020.json"));

    /// <summary>name, file bytes, expected line, expected column (null: the file is not text), a word the message must contain.</summary>
    public static TheoryData<string, byte[], long, string?, string> Corpus()
    {
        var data = new TheoryData<string, byte[], long, string?, string>();
        foreach (var c in MalformedCsvCorpus.Cases()) data.Add(c.Name, c.Content, c.Line, c.Column, c.Phrase);
        return data;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void MalformedFile_FailsLoadingWithFileLineAndColumn(string name, byte[] content, long line, string? column, string phrase)
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write(name + ".csv", content);

        var error = Assert.Throws<DataException>(() => DatasetLoader.Load(Spec, directory.Path, file));

        AssertNames(error, file, line, column, phrase);
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void MalformedFile_FailsValidationWithFileLineAndColumn(string name, byte[] content, long line, string? column, string phrase)
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write(name + ".csv", content);
        using var source = DataSource.Open(Spec, directory.Path, file);

        var report = DataValidator.Validate(Spec, source, schema: null);

        Assert.False(report.Passed);
        var error = Assert.Throws<DataException>(() => report.ThrowIfFailed("report.md"));
        AssertNames(error, file, line, column, phrase);
        Assert.Contains("report.md", error.Message);
    }

    [Fact]
    public void BomAndCrlf_AreReadAsOrdinaryCsv()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("bom-crlf.csv", [0xEF, 0xBB, 0xBF, .. MalformedCsvCorpus.Text(MalformedCsvCorpus.Csv(MalformedCsvCorpus.Header, MalformedCsvCorpus.Rows).Replace("\n", "\r\n"))]);

        var data = DatasetLoader.Load(Spec, directory.Path, file);

        Assert.Equal(4, data.RowCount);
        Assert.Equal([1.0, 2, 3, 4], data.Numeric("UDI"));
        Assert.Equal("L47183", data.Text("Product ID")[3]);
        Assert.Equal(0.0, data.Numeric("Tool wear [min]")[0]);
        Assert.Equal([false, false, true, false], data.Labels);
    }

    private static void AssertNames(DataException error, string file, long line, string? column, string phrase)
    {
        Assert.Contains(file, error.Message);
        Assert.Contains($"line {line}", error.Message);
        Assert.Equal(line, error.Line);
        if (column is not null)
        {
            Assert.Contains($"'{column}'", error.Message.Replace($"field {column.Split(' ').Last()}", $"'{column}'"));
            Assert.Equal(column, error.Column);
        }
        Assert.Contains(phrase, error.Message);
        Assert.DoesNotContain("   at ", error.Message); // no stack trace in what the user reads
        Assert.DoesNotContain("\n", error.Message); // one paragraph
    }
}
