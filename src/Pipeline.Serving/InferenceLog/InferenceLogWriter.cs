using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Pipeline.Modeling.Scoring;
using Pipeline.Serving.Configuration;

namespace Pipeline.Serving.InferenceLog;

/// <summary>
/// Drains the <see cref="InferenceLogQueue"/> and appends one JSON line per scored record, in the
/// <see cref="InferenceLogFormat"/>.
/// On shutdown it writes everything still queued before stopping.
/// </summary>
public sealed class InferenceLogWriter(InferenceLogQueue queue, IOptions<ServingOptions> options, ILogger<InferenceLogWriter> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var file = new RotatingJsonLinesFile(Path.GetFullPath(settings.InferenceLogDirectory), settings.InferenceLogMaxFileBytes, settings.InferenceLogRetainedFiles);
        // Opened on the first shadow record: a service without shadows makes no subfolder.
        RotatingJsonLinesFile? shadowFile = null;
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var shadowBuffer = new ArrayBufferWriter<byte>(16 * 1024);
        using var json = new Utf8JsonWriter(buffer, ReadableJson.Options);
        using var shadowJson = new Utf8JsonWriter(shadowBuffer, ReadableJson.Options);
        try
        {
            // Not cancelled by stoppingToken: the queue is completed at shutdown and drained to the end.
            while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
            {
                while (buffer.WrittenCount + shadowBuffer.WrittenCount < 1024 * 1024 && queue.Reader.TryRead(out var entry))
                {
                    var shadow = entry.Role == InferenceLogFormat.ShadowRole;
                    var (target, targetBuffer) = shadow ? (shadowJson, shadowBuffer) : (json, buffer);
                    try
                    {
                        Write(target, targetBuffer, entry);
                    }
                    catch (Exception e) when (e is ArgumentException or InvalidOperationException or ObjectDisposedException)
                    {
                        // One unloggable entry must not stop logging (or the host): skip it, say so.
                        logger.LogError("Skipped an inference log entry of model {Version}: {Reason}", entry.ModelVersion, e.Message);
                        target.Reset(targetBuffer);
                    }
                }
                AppendTo(file, buffer, settings.InferenceLogDirectory);
                if (shadowBuffer.WrittenCount > 0)
                {
                    var shadowDirectory = Path.Combine(Path.GetFullPath(settings.InferenceLogDirectory), InferenceLogFormat.ShadowFolder);
                    shadowFile ??= new RotatingJsonLinesFile(shadowDirectory, settings.InferenceLogMaxFileBytes, settings.InferenceLogRetainedFiles);
                    AppendTo(shadowFile, shadowBuffer, shadowDirectory);
                }
            }
        }
        catch (UnauthorizedAccessException e)
        {
            logger.LogError("The inference log folder {Directory} is not writable ({Reason}); scored records are not being logged.", settings.InferenceLogDirectory, e.Message);
        }
        finally
        {
            shadowFile?.Dispose();
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
            for (var i = 0; i < entry.Results.Count; i++)
            {
                json.WriteStartObject();
                json.WriteString(InferenceLogFormat.Time, entry.Time);
                json.WriteString(InferenceLogFormat.ModelVersion, entry.ModelVersion);
                json.WriteString(InferenceLogFormat.Role, entry.Role);
                if (entry.RequestId is { } requestId) json.WriteString(InferenceLogFormat.RequestId, requestId);
                if (entry.RoutingKey is { } routingKey) json.WriteString(InferenceLogFormat.RoutingKey, routingKey);
                json.WriteNumber(InferenceLogFormat.Score, entry.Results[i].Probability);
                json.WriteBoolean(InferenceLogFormat.Label, entry.Results[i].Label);
                json.WriteStartObject(InferenceLogFormat.Features);
                foreach (var (name, value) in entry.Request.Records[i])
                {
                    json.WritePropertyName(name);
                    value.WriteTo(json);
                }
                json.WriteEndObject();
                json.WriteEndObject();
                json.Flush();
                // One JSON value per line; Reset so the writer starts the next line as a fresh document.
                buffer.Write("\n"u8);
                json.Reset(buffer);
            }
        }
    }
}
