using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Pipeline.Serving.Configuration;

namespace Pipeline.Serving.Routing;

/// <summary>
/// Hands answered requests to the <see cref="ShadowScorer"/>: bounded, lock-free and never waited for. Enqueueing wakes
/// nobody (the scorer collects a batch every few milliseconds), and a scorer paused in the middle of a batch never blocks
/// a request. When the shadows fall behind, a request beyond the bound is dropped and counted
/// (<c>pipeline_shadow_dropped_requests_total</c>), so a slow shadow never costs the caller latency or unbounded memory.
/// </summary>
public sealed class ShadowQueue(IOptions<ServingOptions> options)
{
    private readonly ConcurrentQueue<ShadowRequest> _queue = new();
    private readonly int _capacity = options.Value.ShadowQueueCapacity;
    private int _count;
    private volatile bool _completed;

    /// <summary>
    /// Queues <paramref name="request"/> (taking a reference to its records) and returns true; when the queue is full or
    /// completed, drops and counts it instead and returns false. Never blocks.
    /// </summary>
    public bool Enqueue(ShadowRequest request)
    {
        if (_completed)
        {
            VersionMetrics.ShadowDropped.Inc();
            return false;
        }
        if (Interlocked.Increment(ref _count) > _capacity)
        {
            Interlocked.Decrement(ref _count);
            VersionMetrics.ShadowDropped.Inc();
            return false;
        }
        request.Request.Retain();
        _queue.Enqueue(request);
        return true;
    }

    /// <summary>
    /// Moves queued requests into <paramref name="batch"/> until it holds at least <paramref name="maxRecords"/> records or
    /// the queue is empty; returns how many requests it moved. The caller owns (and disposes) their references.
    /// </summary>
    public int TakeBatch(List<ShadowRequest> batch, int maxRecords)
    {
        var taken = 0;
        var records = 0;
        while (records < maxRecords && _queue.TryDequeue(out var request))
        {
            Interlocked.Decrement(ref _count);
            batch.Add(request);
            records += request.Request.Records.Count;
            taken++;
        }
        return taken;
    }

    /// <summary>True once <see cref="Complete"/> was called: no more requests will come.</summary>
    public bool IsCompleted => _completed;

    /// <summary>True when no request is waiting.</summary>
    public bool IsEmpty => _queue.IsEmpty;

    /// <summary>No more requests will come (shutdown); requests offered afterwards are dropped and counted.</summary>
    public void Complete() => _completed = true;
}
