using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Pipeline.Serving.Configuration;

namespace Pipeline.Serving.Routing;

/// <summary>
/// Hands answered requests to the <see cref="ShadowScorer"/>: bounded, and never waited for. When the shadows fall
/// behind, a request beyond the bound is dropped and counted (<c>pipeline_shadow_dropped_requests_total</c>), so a
/// slow shadow never costs the caller latency.
/// </summary>
public sealed class ShadowQueue(IOptions<ServingOptions> options)
{
    private readonly Channel<ShadowRequest> _channel = Channel.CreateBounded<ShadowRequest>(
        new BoundedChannelOptions(options.Value.ShadowQueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>The reading side, for the scorer.</summary>
    public ChannelReader<ShadowRequest> Reader => _channel.Reader;

    /// <summary>Queues <paramref name="request"/> (taking a reference to its records); never blocks.</summary>
    public void Enqueue(ShadowRequest request)
    {
        request.Request.Retain();
        if (!_channel.Writer.TryWrite(request))
        {
            VersionMetrics.ShadowDropped.Inc();
            request.Request.Dispose();
        }
    }

    /// <summary>No more requests will come (shutdown).</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
