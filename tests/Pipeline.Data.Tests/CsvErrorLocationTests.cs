using System.Text;
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
    private const string Header = "UDI,Product ID,Type,Air temperature [K],Process temperature [K],Rotational speed [rpm],Torque [Nm],Tool wear [min],Machine failure,TWF,HDF,PWF,OSF,RNF";

    private static readonly string[] Rows =
    [
        "1,M14860,M,298.1,308.6,1551,42.8,0,0,0,0,0,0,0",
        "2,L47181,L,298.2,308.7,1408,46.3,3,0,0,0,0,0,0",
        "3,L47182,L,298.1,308.5,1498,49.4,5,1,0,0,1,0,0",
        "4,L47183,L,298.2,308.6,1433,39.5,7,0,0,0,0,0,0",
    ];

    private static readonly DatasetSpec Spec = DatasetSpec.Load(Path.Combine(RepositoryRoot.Path, "data", "ai4i2020.json"));

    /// <summary>name, file bytes, expected line, expected column (null: the file is not text), a word the message must contain.</summary>
    public static TheoryData<string, byte[], long, string?, string> Corpus()
    {
        var data = new TheoryData<string, byte[], long, string?, string>
        {
            { "empty-file", [], 1, "UDI", "empty" },
            { "header-only", Text(Header + "\n"), 2, "UDI", "no data rows" },
            { "missing-column", Text(Csv(Header.Replace(",Torque [Nm]", ""), Rows.Select(DropTorque))), 1, "Torque [Nm]", "has no column" },
            { "renamed-column", Text(Csv(Header.Replace("Torque [Nm]", "Torque"), Rows)), 1, "Torque [Nm]", "renamed" },
            { "text-in-numeric-column", Text(Csv(Header, Replace(Rows, 1, "46.3", "forty"))), 3, "Torque [Nm]", "expected a number" },
            { "nan", Text(Csv(Header, Replace(Rows, 0, "298.1", "NaN"))), 2, "Air temperature [K]", "finite" },
            { "infinity", Text(Csv(Header, Replace(Rows, 2, "1498", "Infinity"))), 4, "Rotational speed [rpm]", "finite" },
            { "negative-torque", Text(Csv(Header, Replace(Rows, 1, "46.3", "-46.3"))), 3, "Torque [Nm]", "below the smallest possible value" },
            { "unseen-type", Text(Csv(Header, Replace(Rows, 3, ",L,", ",X,"))), 5, "Type", "not one of the allowed values" },
            { "duplicate-udi", Text(Csv(Header, Replace(Rows, 3, "4,L47183", "2,L47183"))), 5, "UDI", "already used on line 3" },
            { "ragged-row-short", Text(Csv(Header, Replace(Rows, 1, ",0,0,0,0,0,0", ",0,0,0,0,0"))), 3, "RNF", "fields but the header has" },
            { "ragged-row-long", Text(Csv(Header, Replace(Rows, 2, "49.4,5", "49.4,5,5"))), 4, "field 15", "fields but the header has" },
            { "wrong-delimiter", Text(Csv(Header.Replace(',', ';'), Rows.Select(r => r.Replace(',', ';')))), 1, "UDI", "separated by ';'" },
            { "bom-crlf-with-bad-value", [0xEF, 0xBB, 0xBF, .. Text(Csv(Header, Replace(Rows, 2, "49.4", "4 9")).Replace("\n", "\r\n"))], 4, "Torque [Nm]", "expected a number" },
            { "absurd-magnitude", Text(Csv(Header, Replace(Rows, 0, "42.8", "4.28e300"))), 2, "Torque [Nm]", "above the largest possible value" },
            { "overflowing-number", Text(Csv(Header, Replace(Rows, 0, "42.8", "1e999"))), 2, "Torque [Nm]", "finite" },
            { "truncated-last-line", Text(Header + "\n" + string.Join("\n", Rows[..3]) + "\n4,L47183,L,298"), 5, "Process temperature [K]", "truncated" },
            { "missing-value", Text(Csv(Header, Replace(Rows, 1, "1408,", ","))), 3, "Rotational speed [rpm]", "missing" },
            { "unclosed-quote", Text(Csv(Header, Replace(Rows, 1, "L47181", "\"L47181"))), 3, "field 2", "never closed" },
            { "label-outside-domain", Text(Csv(Header, Replace(Rows, 0, "42.8,0,0,", "42.8,0,2,"))), 2, "Machine failure", "not one of the allowed values" },
            { "flag-not-boolean", Text(Csv(Header, Replace(Rows, 0, "42.8,0,0,0,", "42.8,0,0,yes,"))), 2, "TWF", "expected a boolean" },
            { "field-too-long", Text(Csv(Header, Replace(Rows, 1, "L47181", new string('P', 100_000)))), 3, "field 2", "longer than 65536 characters" },
            { "line-too-long", Text(Csv(Header, Replace(Rows, 2, "L47182", string.Join(",", Enumerable.Repeat(new string('P', 60_000), 20))))), 4, "field 19", "longer than 1048576 characters" },
            { "binary-garbage", Garbage(), 1, null, "not UTF-8 text" },
            { "binary-with-nul", [.. Text(Header + "\n" + Rows[0] + "\n"), 0x00, 0x01, 0x02, 0x0A], 3, null, "binary data" },
        };
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
        var file = directory.Write("bom-crlf.csv", [0xEF, 0xBB, 0xBF, .. Text(Csv(Header, Rows).Replace("\n", "\r\n"))]);

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

    private static string Csv(string header, IEnumerable<string> rows) => header + "\n" + string.Join("\n", rows) + "\n";

    private static string[] Replace(string[] rows, int index, string from, string to)
    {
        var copy = rows.ToArray();
        Assert.Contains(from, copy[index]);
        var at = copy[index].IndexOf(from, StringComparison.Ordinal);
        copy[index] = copy[index][..at] + to + copy[index][(at + from.Length)..];
        return copy;
    }

    private static string DropTorque(string row)
    {
        var fields = row.Split(',').ToList();
        fields.RemoveAt(6);
        return string.Join(",", fields);
    }

    private static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Garbage()
    {
        var random = new Randomness.Xoshiro256StarStar(7);
        var bytes = new byte[4096];
        for (var i = 0; i < bytes.Length; i++)
            bytes[i] = (byte)(0x80 + random.NextInt(0x40)); // continuation bytes without a lead byte: never valid UTF-8
        return bytes;
    }
}
