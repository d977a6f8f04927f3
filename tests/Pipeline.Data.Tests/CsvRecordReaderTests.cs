using Pipeline.Data.Csv;

namespace Pipeline.Data.Tests;

public sealed class CsvRecordReaderTests
{
    [Fact]
    public void QuotedFields_KeepCommasDoubledQuotesAndLineBreaks_AndLaterLinesAreNumberedCorrectly()
    {
        using var reader = new CsvRecordReader(new StringReader("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\nlast,row\n"), "test.csv");

        var records = ReadAll(reader);

        Assert.Equal([(1L, new[] { "a", "b" }), (2, ["x, y", "say \"hi\""]), (3, ["two\nlines", "z"]), (5, ["last", "row"])],
            records.Select(r => (r.Line, r.Fields)).ToList(), new RecordComparer());
    }

    [Theory]
    [InlineData("a,b\r\n1,2\r\n")]
    [InlineData("a,b\n1,2")]
    [InlineData("a,b\r1,2\r")]
    [InlineData("a,b\n\n1,2\n\n")]
    public void LineEndings_AndBlankLines_DoNotChangeTheRecords(string text)
    {
        using var reader = new CsvRecordReader(new StringReader(text), "test.csv");

        var records = ReadAll(reader);

        Assert.Equal([["a", "b"], ["1", "2"]], records.Select(r => r.Fields));
    }

    [Fact]
    public void EmptyFields_AreKept()
    {
        using var reader = new CsvRecordReader(new StringReader(",x,\n"), "test.csv");

        Assert.Equal([["", "x", ""]], ReadAll(reader).Select(r => r.Fields));
    }

    [Fact]
    public void TextAfterAClosingQuote_IsAnErrorNamingLineAndField()
    {
        using var reader = new CsvRecordReader(new StringReader("a,b\n1,\"2\"3\n"), "test.csv");

        var error = Assert.Throws<DataException>(() => ReadAll(reader));

        Assert.Equal(2, error.Line);
        Assert.Equal("field 2", error.Column);
        Assert.Contains("after a closing quote", error.Message);
    }

    [Fact]
    public void RecordsLongerThanTheBuffer_AreReadWhole_WithinConfiguredLimits()
    {
        var wide = new string('x', 200_000);
        using var reader = new CsvRecordReader(new StringReader($"h1,h2\n{wide},\"{wide}\"\n"), "test.csv", new CsvLimits(MaxFieldChars: 300_000));

        var records = ReadAll(reader);

        Assert.Equal(wide, records[1].Fields[0]);
        Assert.Equal(wide, records[1].Fields[1]);
    }

    [Theory]
    [InlineData("h\nshort\n" + "0123456789012345678901234567890\n", 3, "field 1", "the field is longer than 20 characters (it starts \"01234567890123456789")]
    [InlineData("h\nshort\n\"0123456789\n0123456789\n0123456789\"\n", 3, "field 1", "the field is longer than 20 characters")]
    [InlineData("h\nshort\n0123456789,0123456789,0123456789,0123456789\n", 3, "field 4", "the record is longer than 40 characters")]
    public void RecordsAndFieldsBeyondTheLimits_FailNamingTheLineTheRecordStartsOn(string text, long line, string field, string expected)
    {
        using var reader = new CsvRecordReader(new StringReader(text), "test.csv", new CsvLimits(MaxRecordChars: 40, MaxFieldChars: 20));

        var error = Assert.Throws<DataException>(() => ReadAll(reader));

        Assert.Equal(line, error.Line);
        Assert.Equal(field, error.Column);
        Assert.StartsWith($"test.csv, line {line}", error.Message);
        Assert.Contains(expected, error.Message);
    }

    private static List<(long Line, string[] Fields)> ReadAll(CsvRecordReader reader)
    {
        var records = new List<(long, string[])>();
        while (reader.ReadRecord())
            records.Add((reader.RecordLine, Enumerable.Range(0, reader.FieldCount).Select(i => reader.Field(i).ToString()).ToArray()));
        return records;
    }

    private sealed class RecordComparer : IEqualityComparer<(long Line, string[] Fields)>
    {
        public bool Equals((long Line, string[] Fields) x, (long Line, string[] Fields) y) => x.Line == y.Line && x.Fields.SequenceEqual(y.Fields);

        public int GetHashCode((long Line, string[] Fields) obj) => obj.Line.GetHashCode();
    }
}
