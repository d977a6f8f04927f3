using Pipeline.Data.Validation;

namespace Pipeline.Data.Tests;

/// <summary>
/// How a chunk read column by column finds its fields: every row's field ends and start, the same with 16 characters
/// at a time as one at a time (the path of processors without 256-bit vectors), and −1 for any line the row-by-row
/// reader would judge (blank, ragged).
/// </summary>
public sealed class ColumnarChunkSplitTests
{
    [Theory]
    [InlineData("1,L,298.1\n2,M,298.2\n", 2)]
    [InlineData("1,L,298.1\r\n2,M,298.2\r\n", 2)] // CRLF: the CR is not part of the last field
    [InlineData("1,L,298.1\n2,M,298.2", 2)] // the file's last line without a line break
    [InlineData(",,\n,,\n", 2)] // empty fields are fields
    [InlineData("1,L,298.1\n\n2,M,298.2\n", -1)] // a blank line: the row-by-row reader skips it and counts lines on
    [InlineData("1,L,298.1\n2,M\n", -1)] // too few fields
    [InlineData("1,L,298.1,9\n", -1)] // too many
    public void Split_FindsEachFieldOrRefusesTheChunk(string text, int rows)
    {
        var vectorised = Split(text, 3, vectorised: true);
        var scalar = Split(text, 3, vectorised: false);

        Assert.Equal(rows, vectorised.Rows);
        Assert.Equal(scalar, vectorised);
        if (rows < 0) return;
        var expected = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r').Split(',')).ToArray();
        Assert.Equal(expected, vectorised.Fields);
    }

    [Fact]
    public void Split_OfALongRandomChunk_IsTheSameBothWays()
    {
        var random = new Random(7);
        var lines = Enumerable.Range(0, 2_000).Select(_ => string.Join(',', Enumerable.Range(0, 5)
            .Select(_ => new string('x', random.Next(0, 40))))).ToArray();
        var text = string.Join(random.Next(2) == 0 ? "\n" : "\r\n", lines) + "\n";

        var vectorised = Split(text, 5, vectorised: true);

        Assert.Equal(lines.Length, vectorised.Rows);
        Assert.Equal(Split(text, 5, vectorised: false), vectorised);
        Assert.Equal(lines.Select(line => line.Split(',')), vectorised.Fields);
    }

    private static SplitResult Split(string text, int width, bool vectorised)
    {
        var lines = text.Count(c => c == '\n') + 1;
        var ends = new int[lines * width];
        var starts = new int[lines + 1];
        var rows = ColumnarChunk.Split(text, width, ends, starts, vectorised);
        var fields = rows < 0 ? [] : Enumerable.Range(0, rows).Select(row => Enumerable.Range(0, width).Select(field =>
        {
            var start = field == 0 ? starts[row] : ends[row * width + field - 1] + 1;
            return text[start..ends[row * width + field]];
        }).ToArray()).ToArray();
        return new SplitResult(rows, fields);
    }

    private sealed record SplitResult(int Rows, string[][] Fields)
    {
        public bool Equals(SplitResult? other) =>
            other is not null && Rows == other.Rows && Fields.Length == other.Fields.Length && Fields.Zip(other.Fields).All(p => p.First.SequenceEqual(p.Second));

        public override int GetHashCode() => Rows;
    }
}
