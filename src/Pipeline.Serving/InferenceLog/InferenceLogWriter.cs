using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Pipeline.Modeling.Scoring;
using Pipeline.Serving.Configuration;

namespace Pipeline.Serving.InferenceLog;

/// <summary>
/// Drains the <see cref="InferenceLogQueue"/> and appends one JSON line per scored record, in the
/// <see cref="InferenceLogFormat"/>, what is queued at each wake-up in one write. (Shadow challengers' records are the
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
                while (buffer.WrittenCount < 1024 * 1024 && queue.Reader.TryRead(out var entry))
                {
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
            }
        }
        catch (UnauthorizedAccessException e)
        {
            logger.LogError("The inference log folder {Directory} is not writable ({Reason}); scored records are not being logged.", settings.InferenceLogDirectory, e.Message);
        }
    }

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
            var request = entry.Request;
            if (!request.IsBatch)
            {
                WriteLine(json, buffer, entry, 0, request.Body);
                return;
            }
            var i = 0;
            foreach (var received in request.Body.EnumerateArray())
            {
                WriteLine(json, buffer, entry, i++, received);
            }
        }
    }

    private static void WriteLine(Utf8JsonWriter json, ArrayBufferWriter<byte> buffer, InferenceLogEntry entry, int i, JsonElement received) =>
        InferenceLogLine.Write(json, buffer, entry.Request.Records[i], received, entry.Results[i], entry.ModelVersion, entry.Time, entry.Role, entry.RequestId, entry.RoutingKey);
}
