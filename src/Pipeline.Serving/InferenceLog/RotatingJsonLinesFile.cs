using Pipeline.Modeling.Scoring;

namespace Pipeline.Serving.InferenceLog;

/// <summary>
/// Appends lines to <see cref="InferenceLogFormat"/> files (<c>inference-&lt;UTC time&gt;-&lt;n&gt;.jsonl</c>) in a folder: starts a new file beyond a size
/// and deletes the oldest files beyond a count. File names sort by time, so readers take them in order.
/// </summary>
public sealed class RotatingJsonLinesFile(string directory, long maxFileBytes, int retainedFiles) : IDisposable
{
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
        var name = InferenceLogFormat.FileName(DateTime.UtcNow, _sequence++);
        _current = new FileStream(Path.Combine(directory, name), FileMode.Append, FileAccess.Write, FileShare.Read);
        foreach (var old in Directory.GetFiles(directory, InferenceLogFormat.SearchPattern).Order(StringComparer.Ordinal).SkipLast(Math.Max(1, retainedFiles)))
        {
            File.Delete(old);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _current?.Dispose();
}
