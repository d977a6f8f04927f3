using System.Threading.Channels;
using Pipeline.Serving.Metrics;

namespace Pipeline.Serving.InferenceLog;

/// <summary>
/// Hands scored requests to the background <see cref="InferenceLogWriter"/> so that writing files never
/// costs request latency. Bounded: when the disk cannot keep up, entries beyond the bound are counted as
/// dropped (metric <c>pipeline_inference_log_dropped_records_total</c>) rather than stalling scoring.
/// </summary>
public sealed class InferenceLogQueue
{
    private readonly Channel<InferenceLogEntry> _channel = Channel.CreateBounded<InferenceLogEntry>(
        new BoundedChannelOptions(50_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>The reading side, for the writer.</summary>
    public ChannelReader<InferenceLogEntry> Reader => _channel.Reader;

    /// <summary>Queues <paramref name="entry"/>; never blocks.</summary>
    public void Enqueue(InferenceLogEntry entry)
    {
        if (!_channel.Writer.TryWrite(entry))
        {
            ServingMetrics.InferenceLogDropped.Inc(entry.Results.Count);
            entry.Request.Dispose();
        }
    }

    /// <summary>No more entries will come (shutdown): the writer drains what is queued and stops.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
