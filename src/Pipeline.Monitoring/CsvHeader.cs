using System.Text;
using Pipeline.Data;

namespace Pipeline.Monitoring;

/// <summary>The column names on a CSV file's first line (RFC 4180 quoting), to see which optional columns it has.</summary>
internal static class CsvHeader
{
    /// <summary>Reads the header of <paramref name="path"/>; an empty file has none.</summary>
    /// <exception cref="DataException">The file cannot be read.</exception>
    public static HashSet<string> Read(string path)
    {
        string? line;
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            line = reader.ReadLine();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataException($"Cannot read the current data {path}: {e.Message}", path, innerException: e);
        }
        return line is null ? [] : Split(line).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The fields of one CSV line; quoted fields may hold commas and doubled quotes.</summary>
    public static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch != '"') field.Append(ch);
                else if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(ch);
        }
        fields.Add(field.ToString());
        return fields;
    }
}
