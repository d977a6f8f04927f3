using System.Diagnostics;
using Pipeline.Serving.InferenceLog;
using Pipeline.Serving.Model;

namespace Pipeline.Serving.Routing;

/// <summary>
/// Scores the requests of the <see cref="ShadowQueue"/> with every shadow challenger, off the request path, and
/// logs each shadow's answers (role <c>shadow</c>, the champion's request id) to the inference log's shadow folder.
/// A shadow that fails is counted per version and logged; it never affects the champion's answers.
/// </summary>
public sealed class ShadowScorer(ShadowQueue queue, TrafficRouter router, InferenceLogQueue inferenceLog, ILogger<ShadowScorer> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (router.Shadows.Count == 0)
        {
            return;
        }
        // Drains what is queued at shutdown too (the queue is completed by StopAsync), as the inference log does.
        while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (queue.Reader.TryRead(out var shadowRequest))
            {
                using (shadowRequest.Request)
                {
                    foreach (var shadow in router.Shadows) Score(shadow, shadowRequest);
                }
            }
        }
    }

    /// <inheritdoc />
    public override Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        return base.StopAsync(cancellationToken);
    }

    private void Score(ServedModel shadow, ShadowRequest shadowRequest)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var results = shadow.Score(shadowRequest.Request.Records, shadowRequest.Request.IsBatch);
            VersionMetrics.ObserveScored(shadow.Version, ServedRole.Shadow, results, Stopwatch.GetElapsedTime(started));
            shadowRequest.Request.Retain();
            inferenceLog.Enqueue(new InferenceLogEntry(shadowRequest.Request, results, shadow.Version, DateTimeOffset.UtcNow,
                ServedRole.Shadow, shadowRequest.RequestId, shadowRequest.RoutingKey));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A record the champion accepted but the shadow refuses (another schema) is a shadow error too.
            VersionMetrics.ObserveError(shadow.Version, ServedRole.Shadow);
            logger.LogWarning("Shadow model version {Version} failed on request {RequestId}: {Reason}", shadow.Version, shadowRequest.RequestId, e.Message);
        }
    }
}
