using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Pipeline.Modeling.Scoring;
using Pipeline.Serving.Configuration;

namespace Pipeline.Serving.InferenceLog;

/// <summary>
/// Drains the <see cref="InferenceLogQueue"/> and appends one JSON line per scored record, in the
/// <see cref="InferenceLogFormat"/>, a batch per write. (Shadow challengers' records are the
/// <see cref="Routing.ShadowScorer"/>'s to write.)
/// On shutdown it writes everything still queued before stopping.
/// </summary>
public sealed class InferenceLogWriter(InferenceLogQueue queue, IOptions<ServingOptions> options, ILogger<InferenceLogWriter> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var file = new RotatingJsonLinesFile(Path.GetFullPath(settings.InferenceLogDirectory), settings.InferenceLogMaxFileBytes, settings.InferenceLogRetainedFiles);
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using var json = new Utf8JsonWriter(buffer, ReadableJson.Options);
        try
        {
            // Not cancelled by stoppingToken: the queue is completed at shutdown and drained to the end.
            while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
            {
                var entries = 0;
                while (buffer.WrittenCount < 1024 * 1024 && queue.Reader.TryRead(out var entry))
                {
                    entries++;
                    try
                    {
                        Write(json, buffer, entry);
                    }
                    catch (Exception e) when (e is ArgumentException or InvalidOperationException or ObjectDisposedException)
                    {
                        // One unloggable entry must not stop logging (or the host): skip it, say so.
                        logger.LogError("Skipped an inference log entry of model {Version}: {Reason}", entry.ModelVersion, e.Message);
                        json.Reset(buffer);
                    }
                }
                AppendTo(file, buffer, settings.InferenceLogDirectory);
                if (entries < BatchEntries)
                {
                    // A few entries at a time cost a wake-up, a flush and a write each: let a batch gather instead
                    // (entries wait a few milliseconds more in the bounded queue; none are dropped for it).
                    await Task.Delay(BatchGatherMilliseconds, CancellationToken.None);
                }
            }
        }
        catch (UnauthorizedAccessException e)
        {
            logger.LogError("The inference log folder {Directory} is not writable ({Reason}); scored records are not being logged.", settings.InferenceLogDirectory, e.Message);
        }
    }

    // Under steady traffic the writer wakes at most every few milliseconds, not once per request.
    private const int BatchEntries = 64;
    private const int BatchGatherMilliseconds = 5;

    private void AppendTo(RotatingJsonLinesFile file, ArrayBufferWriter<byte> buffer, string directory)
    {
        if (buffer.WrittenCount == 0)
        {
            return;
        }
        try
        {
            file.Append(buffer.WrittenSpan);
        }
        catch (IOException e)
        {
            logger.LogError("Could not append to the inference log in {Directory}: {Reason}", directory, e.Message);
        }
        buffer.Clear();
    }

    /// <inheritdoc />
    public override Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        return base.StopAsync(cancellationToken);
    }

    private static void Write(Utf8JsonWriter json, ArrayBufferWriter<byte> buffer, InferenceLogEntry entry)
    {
        using (entry.Request)
        {
            for (var i = 0; i < entry.Results.Count; i++)
            {
                InferenceLogLine.Write(json, buffer, entry.Request.Records[i], entry.Results[i], entry.ModelVersion, entry.Time, entry.Role, entry.RequestId, entry.RoutingKey);
            }
        }
    }
}
