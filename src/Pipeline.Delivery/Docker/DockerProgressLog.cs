using Docker.DotNet.Models;

namespace Pipeline.Delivery.Docker;

/// <summary>
/// Collects the engine's streamed progress messages of a build, push or import: forwards readable lines to
/// a log callback and remembers the first error, which the engine reports in-stream rather than as an HTTP status.
/// </summary>
public sealed class DockerProgressLog(Action<string>? log) : IProgress<JSONMessage>
{
    private readonly List<string> _lines = [];

    /// <summary>The first error the engine reported, if any.</summary>
    public string? Error { get; private set; }

    /// <summary>The image id announced by a build (<c>aux.ID</c>), if any.</summary>
    public string? ImageId { get; private set; }

    /// <summary>The last lines of output, for error messages.</summary>
    public IReadOnlyList<string> Tail => _lines.TakeLast(15).ToList();

    /// <inheritdoc />
    public void Report(JSONMessage value)
    {
        lock (_lines)
        {
            var error = value.Error?.Message ?? value.ErrorMessage;
            if (!string.IsNullOrWhiteSpace(error))
            {
                Error ??= error.Trim();
            }
            if (value.Aux?.ExtensionData is { } aux && aux.TryGetValue("ID", out var idValue) && idValue?.ToString() is { Length: > 0 } id)
            {
                ImageId = id;
            }
            var text = (value.Stream ?? value.Status)?.TrimEnd();
            if (!string.IsNullOrWhiteSpace(text))
            {
                _lines.Add(text);
                log?.Invoke(text);
            }
        }
    }

    /// <summary>Throws a <see cref="DockerOperationException"/> naming <paramref name="operation"/> when the engine reported an error.</summary>
    public void ThrowIfFailed(string operation)
    {
        if (Error is not null)
        {
            throw new DockerOperationException(
                $"{operation} failed: {Error}. Last engine output:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", Tail)}");
        }
    }
}
