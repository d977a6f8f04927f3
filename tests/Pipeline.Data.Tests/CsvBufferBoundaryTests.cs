using System.Text;
using Pipeline.Data.Csv;

namespace Pipeline.Data.Tests;

/// <summary>
/// Records are split in place when they lie whole in the read buffer and read piece by piece otherwise: wherever the
/// reads of the text end, every record, field and line number comes out the same.
/// </summary>
public sealed class CsvBufferBoundaryTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    [InlineData(1 << 16)]
    public void Records_AreTheSame_WhereverTheReadsOfTheTextEnd(int charsPerRead)
    {
        var (text, expected) = MixedFile(rows: 12_000);

        using var reader = new CsvRecordReader(new TricklingReader(text, charsPerRead), "mixed.csv");
        var actual = new List<(long Line, string[] Fields)>();
        while (reader.ReadRecord())
            actual.Add((reader.RecordLine, Enumerable.Range(0, reader.FieldCount).Select(i => reader.Field(i).ToString()).ToArray()));

        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Line, actual[i].Line);
            Assert.Equal(expected[i].Fields, actual[i].Fields);
        }
    }

    [Fact]
    public void ARecordLongerThanTheBuffer_IsReadWhole()
    {
        var longField = new string('x', 200_000);
        using var reader = new CsvRecordReader(new StringReader($"a,b\n1,{longField}\n2,y\n"), "long.csv",
            new CsvLimits(MaxRecordChars: 1 << 20, MaxFieldChars: 1 << 20));

        Assert.True(reader.ReadRecord());
        Assert.True(reader.ReadRecord());
        Assert.Equal(longField, reader.Field(1).ToString());
        Assert.True(reader.ReadRecord());
        Assert.Equal((3L, "y"), (reader.RecordLine, reader.Field(1).ToString()));
    }

    [Fact]
    public void ANulCharacterAfterTheFirstRead_IsReportedOnItsLine()
    {
        var text = string.Concat(Enumerable.Range(1, 5000).Select(i => $"{i},row {i}\n")) + "5001,bad\0value\n";

        using var reader = new CsvRecordReader(new TricklingReader(text, 1000), "binary.csv");
        var error = Assert.Throws<DataException>(() => { while (reader.ReadRecord()) { } });

        Assert.Equal(5001L, error.Line);
    }

    // Unquoted rows with LF, CRLF and CR line ends, quoted fields (some with line breaks), blank lines and an
    // unterminated last row; with the line each record starts on.
    private static (string Text, List<(long Line, string[] Fields)> Records) MixedFile(int rows)
    {
        var text = new StringBuilder();
        var records = new List<(long, string[])>();
        var line = 1L;
        for (var r = 0; r < rows; r++)
        {
            var ending = (r % 5) switch { 0 => "\r\n", 1 => "\r", _ => "\n" };
            if (r % 97 == 0)
            {
                text.Append($"{r},\"quoted, with \"\"quotes\"\"\nand a line break\",{r * 0.5}").Append(ending);
                records.Add((line, [r.ToString(), "quoted, with \"quotes\"\nand a line break", (r * 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture)]));
                line += 2;
                continue;
            }
            if (r % 131 == 0)
            {
                text.Append("\r\n"); // a blank line, also after a CR line end
                line++;
            }
            var fields = new[] { r.ToString(), $"L{r % 3}", (298.1 + r % 10).ToString(System.Globalization.CultureInfo.InvariantCulture), "", "tail" };
            text.Append(string.Join(',', fields));
            records.Add((line, fields));
            if (r < rows - 1) text.Append(ending);
            line++;
        }
        return (text.ToString(), records);
    }

    // Hands out the text a few characters per read, so records end anywhere relative to the reads.
    private sealed class TricklingReader(string text, int charsPerRead) : TextReader
    {
        private int _position;

        public override int Read(char[] buffer, int index, int count)
        {
            var n = Math.Min(Math.Min(count, charsPerRead), text.Length - _position);
            text.CopyTo(_position, buffer, index, n);
            _position += n;
            return n;
        }
    }
}
