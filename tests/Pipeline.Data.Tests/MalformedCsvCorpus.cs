using System.Text;

namespace Pipeline.Data.Tests;

/// <summary>One malformed CSV file and what the error about it must name.</summary>
/// <param name="Name">What is wrong (also the file name).</param>
/// <param name="Content">The file's bytes.</param>
/// <param name="Line">The line the error must name.</param>
/// <param name="Column">The column the error must name; null when the file is not text at all.</param>
/// <param name="Phrase">A phrase the message must contain.</param>
public sealed record MalformedCsv(string Name, byte[] Content, long Line, string? Column, string Phrase);

/// <summary>
/// The malformed-CSV corpus of the AI4I spec (data/ai4i2020.json), tried as a clumsy user and an attacker would;
/// the tests and bench/faults.sh run it.
/// </summary>
public static class MalformedCsvCorpus
{
    /// <summary>The AI4I header.</summary>
    public const string Header = "UDI,Product ID,Type,Air temperature [K],Process temperature [K],Rotational speed [rpm],Torque [Nm],Tool wear [min],Machine failure,TWF,HDF,PWF,OSF,RNF";

    /// <summary>Four valid AI4I rows.</summary>
    public static readonly string[] Rows =
    [
        "1,M14860,M,298.1,308.6,1551,42.8,0,0,0,0,0,0,0",
        "2,L47181,L,298.2,308.7,1408,46.3,3,0,0,0,0,0,0",
        "3,L47182,L,298.1,308.5,1498,49.4,5,1,0,0,1,0,0",
        "4,L47183,L,298.2,308.6,1433,39.5,7,0,0,0,0,0,0",
    ];

    /// <summary>Every case of the corpus.</summary>
    public static IReadOnlyList<MalformedCsv> Cases() =>
    [
        new("empty-file", [], 1, "UDI", "empty"),
        new("header-only", Text(Header + "\n"), 2, "UDI", "no data rows"),
        new("missing-column", Text(Csv(Header.Replace(",Torque [Nm]", ""), Rows.Select(DropTorque))), 1, "Torque [Nm]", "has no column"),
        new("renamed-column", Text(Csv(Header.Replace("Torque [Nm]", "Torque"), Rows)), 1, "Torque [Nm]", "renamed"),
        new("text-in-numeric-column", Text(Csv(Header, Replace(Rows, 1, "46.3", "forty"))), 3, "Torque [Nm]", "expected a number"),
        new("nan", Text(Csv(Header, Replace(Rows, 0, "298.1", "NaN"))), 2, "Air temperature [K]", "finite"),
        new("infinity", Text(Csv(Header, Replace(Rows, 2, "1498", "Infinity"))), 4, "Rotational speed [rpm]", "finite"),
        new("negative-torque", Text(Csv(Header, Replace(Rows, 1, "46.3", "-46.3"))), 3, "Torque [Nm]", "below the smallest possible value"),
        new("unseen-type", Text(Csv(Header, Replace(Rows, 3, ",L,", ",X,"))), 5, "Type", "not one of the allowed values"),
        new("duplicate-udi", Text(Csv(Header, Replace(Rows, 3, "4,L47183", "2,L47183"))), 5, "UDI", "already used on line 3"),
        new("ragged-row-short", Text(Csv(Header, Replace(Rows, 1, ",0,0,0,0,0,0", ",0,0,0,0,0"))), 3, "RNF", "fields but the header has"),
        new("ragged-row-long", Text(Csv(Header, Replace(Rows, 2, "49.4,5", "49.4,5,5"))), 4, "field 15", "fields but the header has"),
        new("wrong-delimiter", Text(Csv(Header.Replace(',', ';'), Rows.Select(r => r.Replace(',', ';')))), 1, "UDI", "separated by ';'"),
        new("bom-crlf-with-bad-value", [0xEF, 0xBB, 0xBF, .. Text(Csv(Header, Replace(Rows, 2, "49.4", "4 9")).Replace("\n", "\r\n"))], 4, "Torque [Nm]", "expected a number"),
        new("absurd-magnitude", Text(Csv(Header, Replace(Rows, 0, "42.8", "4.28e300"))), 2, "Torque [Nm]", "above the largest possible value"),
        new("overflowing-number", Text(Csv(Header, Replace(Rows, 0, "42.8", "1e999"))), 2, "Torque [Nm]", "finite"),
        new("truncated-last-line", Text(Header + "\n" + string.Join("\n", Rows[..3]) + "\n4,L47183,L,298"), 5, "Process temperature [K]", "truncated"),
        new("missing-value", Text(Csv(Header, Replace(Rows, 1, "1408,", ","))), 3, "Rotational speed [rpm]", "missing"),
        new("unclosed-quote", Text(Csv(Header, Replace(Rows, 1, "L47181", "\"L47181"))), 3, "field 2", "never closed"),
        new("label-outside-domain", Text(Csv(Header, Replace(Rows, 0, "42.8,0,0,", "42.8,0,2,"))), 2, "Machine failure", "not one of the allowed values"),
        new("flag-not-boolean", Text(Csv(Header, Replace(Rows, 0, "42.8,0,0,0,", "42.8,0,0,yes,"))), 2, "TWF", "expected a boolean"),
        new("field-too-long", Text(Csv(Header, Replace(Rows, 1, "L47181", new string('P', 100_000)))), 3, "field 2", "longer than 65536 characters"),
        new("line-too-long", Text(Csv(Header, Replace(Rows, 2, "L47182", string.Join(",", Enumerable.Repeat(new string('P', 60_000), 20))))), 4, "field 19", "longer than 1048576 characters"),
        new("binary-garbage", Garbage(), 1, null, "not UTF-8 text"),
        new("binary-with-nul", [.. Text(Header + "\n" + Rows[0] + "\n"), 0x00, 0x01, 0x02, 0x0A], 3, null, "binary data"),
    ];

    /// <summary>A CSV text: the header, then the rows, one per line.</summary>
    public static string Csv(string header, IEnumerable<string> rows) => header + "\n" + string.Join("\n", rows) + "\n";

    private static string[] Replace(string[] rows, int index, string from, string to)
    {
        var copy = rows.ToArray();
        var at = copy[index].IndexOf(from, StringComparison.Ordinal);
        if (at < 0) throw new InvalidOperationException($"Row {index} of the corpus has no '{from}' to replace.");
        copy[index] = copy[index][..at] + to + copy[index][(at + from.Length)..];
        return copy;
    }

    private static string DropTorque(string row)
    {
        var fields = row.Split(',').ToList();
        fields.RemoveAt(6);
        return string.Join(",", fields);
    }

    /// <summary>UTF-8 bytes of <paramref name="text"/>.</summary>
    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Garbage()
    {
        var random = new Randomness.Xoshiro256StarStar(7);
        var bytes = new byte[4096];
        for (var i = 0; i < bytes.Length; i++)
            bytes[i] = (byte)(0x80 + random.NextInt(0x40)); // continuation bytes without a lead byte: never valid UTF-8
        return bytes;
    }
}
