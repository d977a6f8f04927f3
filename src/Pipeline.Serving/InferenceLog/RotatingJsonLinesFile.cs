using System.Globalization;

namespace Pipeline.Serving.InferenceLog;

/// <summary>
/// Appends lines to <c>inference-&lt;UTC time&gt;.jsonl</c> files in a folder: starts a new file beyond a size
/// and deletes the oldest files beyond a count. File names sort by time, so readers take them in order.
/// </summary>
public sealed class RotatingJsonLinesFile(string directory, long maxFileBytes, int retainedFiles) : IDisposable
{
    /// <summary>The file name pattern readers should glob for.</summary>
    public const string SearchPattern = "inference-*.jsonl";

    private FileStream? _current;
    private int _sequence;

    /// <summary>Appends <paramref name="lines"/> (UTF-8, each ending in a newline) and flushes them to disk.</summary>
    public void Append(ReadOnlySpan<byte> lines)
    {
        if (_current is null || _current.Length > 0 && _current.Length + lines.Length > maxFileBytes)
        {
            Rotate();
        }
        _current!.Write(lines);
        _current.Flush();
    }

    private void Rotate()
    {
        _current?.Dispose();
        Directory.CreateDirectory(directory);
        // The sequence keeps names distinct (and ordered) even when two rotations share a clock tick.
        var name = $"inference-{DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmssfffffff", CultureInfo.InvariantCulture)}-{_sequence++:D6}.jsonl";
        _current = new FileStream(Path.Combine(directory, name), FileMode.Append, FileAccess.Write, FileShare.Read);
        foreach (var old in Directory.GetFiles(directory, SearchPattern).Order(StringComparer.Ordinal).SkipLast(Math.Max(1, retainedFiles)))
        {
            File.Delete(old);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _current?.Dispose();
}
