using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Pipeline.Modeling.Scoring;
using Pipeline.Serving.Configuration;
using Pipeline.Serving.InferenceLog;
using Pipeline.Serving.Model;

namespace Pipeline.Serving.Routing;

/// <summary>
/// Scores the requests of the <see cref="ShadowQueue"/> with every shadow challenger, off the request path, and logs
/// each shadow's answers (role <c>shadow</c>, the champion's request id) to the inference log's shadow folder.
/// One thread at the lowest CPU priority (<see cref="IdleThreadPriority"/>) collects what was queued every couple of
/// milliseconds, scores it as one batch per shadow and appends its lines in one write: a request costs the service a
/// queue slot, not a wake-up, a task or a file write of its own. A shadow that fails is counted per version and logged;
/// it never affects the champion's answers.
/// </summary>
public sealed class ShadowScorer(ShadowQueue queue, TrafficRouter router, IOptions<ServingOptions> options, ILogger<ShadowScorer> logger) : BackgroundService
{
    // A batch is at most this many records; a full batch is followed by the next at once, a partial one after a pause.
    private const int MaxBatchRecords = 1024;
    // Short: the batch holds its requests' pooled buffers until scored, and a longer hold empties the pool's caches.
    private const int GatherMilliseconds = 2;

    private readonly List<ShadowRequest> _batch = [];
    private readonly List<IReadOnlyDictionary<string, JsonElement>> _records = [];
    private readonly ArrayBufferWriter<byte> _lines = new(64 * 1024);
    private RotatingJsonLinesFile? _file;

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (router.Shadows.Count == 0)
        {
            return Task.CompletedTask;
        }
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        { IsBackground = true, Name = "Shadow scorer" };
        thread.Start();
        return done.Task;
    }

    /// <inheritdoc />
    public override Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        return base.StopAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _file?.Dispose();
        base.Dispose();
    }

    private void Run()
    {
        if (!IdleThreadPriority.Apply())
        {
            logger.LogInformation("The shadow scorer runs at normal CPU priority (lowering it is not supported here).");
        }
        var settings = options.Value;
        var directory = Path.Combine(Path.GetFullPath(settings.InferenceLogDirectory), InferenceLogFormat.ShadowFolder);
        using var json = new Utf8JsonWriter(_lines, ReadableJson.Options);
        // Drains what is queued at shutdown too (StopAsync completes the queue), as the inference log does.
        while (true)
        {
            var completed = queue.IsCompleted;
            if (queue.TakeBatch(_batch, MaxBatchRecords) == 0)
            {
                if (completed) break;
                Thread.Sleep(GatherMilliseconds);
                continue;
            }
            try
            {
                foreach (var shadow in router.Shadows) Score(shadow, json);
                Append(directory, settings);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A bug in logging one batch must not stop the shadows (or the host, which a failed background service stops).
                logger.LogError(e, "The shadows' batch of {Requests} requests could not be logged.", _batch.Count);
                json.Reset(_lines);
                _lines.Clear();
            }
            finally
            {
                foreach (var request in _batch) request.Request.Dispose();
                _batch.Clear();
                _records.Clear();
            }
            if (queue.IsEmpty && !completed) Thread.Sleep(GatherMilliseconds);
        }
    }

    // Scores the whole batch at once; when some record is refused, request by request, so each failure is counted.
    private void Score(ServedModel shadow, Utf8JsonWriter json)
    {
        if (_records.Count == 0)
        {
            foreach (var request in _batch) _records.AddRange(request.Request.Records);
        }
        var started = Stopwatch.GetTimestamp();
        IReadOnlyList<ScoreResult>? results = null;
        try
        {
            results = shadow.Score(_records, isBatch: true);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A record the champion accepted but the shadow refuses (another schema): found request by request below.
        }
        var perRequest = Stopwatch.GetElapsedTime(started) / _batch.Count;
        var time = DateTimeOffset.UtcNow;
        var offset = 0;
        var failures = 0;
        string? firstFailure = null;
        foreach (var (request, requestId, routingKey) in _batch)
        {
            var records = request.Records;
            IReadOnlyList<ScoreResult> answers;
            try
            {
                answers = results is not null ? new ResultSlice(results, offset, records.Count) : shadow.Score(records, request.IsBatch);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                VersionMetrics.ObserveError(shadow.Version, ServedRole.Shadow);
                failures++;
                firstFailure ??= $"request {requestId}: {e.Message}";
                continue;
            }
            finally
            {
                offset += records.Count;
            }
            VersionMetrics.ObserveScored(shadow.Version, ServedRole.Shadow, answers, perRequest);
            if (!request.IsBatch)
            {
                InferenceLogLine.Write(json, _lines, records[0], request.Body, answers[0], shadow.Version, time, ServedRole.Shadow, requestId, routingKey);
                continue;
            }
            var i = 0;
            foreach (var received in request.Body.EnumerateArray())
            {
                InferenceLogLine.Write(json, _lines, records[i], received, answers[i], shadow.Version, time, ServedRole.Shadow, requestId, routingKey);
                i++;
            }
        }
        if (failures > 0)
        {
            // One warning per batch, not per request: a shadow with another schema fails every request.
            logger.LogWarning("Shadow model version {Version} failed on {Failures} of {Requests} requests; the first, {Failure}",
                shadow.Version, failures, _batch.Count, firstFailure);
        }
    }

    private void Append(string directory, ServingOptions settings)
    {
        if (_lines.WrittenCount == 0)
        {
            return;
        }
        try
        {
            _file ??= new RotatingJsonLinesFile(directory, settings.InferenceLogMaxFileBytes, settings.InferenceLogRetainedFiles);
            _file.Append(_lines.WrittenSpan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError("Could not append the shadows' records to the inference log in {Directory}: {Reason}", directory, e.Message);
        }
        _lines.Clear();
    }

    // One request's share of a batch's results, without copying them.
    private sealed class ResultSlice(IReadOnlyList<ScoreResult> results, int offset, int count) : IReadOnlyList<ScoreResult>
    {
        public ScoreResult this[int index] => results[offset + index];
        public int Count => count;
        public IEnumerator<ScoreResult> GetEnumerator()
        {
            for (var i = 0; i < count; i++) yield return results[offset + i];
        }
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
