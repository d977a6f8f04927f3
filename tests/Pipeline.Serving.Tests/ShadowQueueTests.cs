using System.Text;
using Microsoft.Extensions.Options;
using Pipeline.Serving.Configuration;
using Pipeline.Serving.Requests;
using Pipeline.Serving.Routing;

namespace Pipeline.Serving.Tests;

/// <summary>The shadows' queue: bounded (a request beyond the bound is dropped, never waited for) and taken in batches by records.</summary>
public sealed class ShadowQueueTests
{
    [Fact]
    public void FullQueue_DropsTheRequestBeyondItsCapacity_AndTakesItAgainOnceABatchIsTaken()
    {
        var queue = Queue(capacity: 2);

        Assert.True(queue.Enqueue(Request("a", records: 1)));
        Assert.True(queue.Enqueue(Request("b", records: 1)));
        Assert.False(queue.Enqueue(Request("c", records: 1)));

        var batch = new List<ShadowRequest>();
        Assert.Equal(2, queue.TakeBatch(batch, maxRecords: 100));
        Assert.Equal(["a", "b"], batch.Select(r => r.RequestId));
        Assert.True(queue.Enqueue(Request("d", records: 1)));
        Dispose(batch);
    }

    [Fact]
    public void TakeBatch_StopsOnceTheBatchHoldsTheRecordLimit_LeavingTheRestInOrder()
    {
        var queue = Queue(capacity: 10);
        foreach (var id in new[] { "a", "b", "c" }) queue.Enqueue(Request(id, records: 3));

        var first = new List<ShadowRequest>();
        var second = new List<ShadowRequest>();
        Assert.Equal(2, queue.TakeBatch(first, maxRecords: 5));
        Assert.Equal(1, queue.TakeBatch(second, maxRecords: 5));

        Assert.Equal(["a", "b"], first.Select(r => r.RequestId));
        Assert.Equal(["c"], second.Select(r => r.RequestId));
        Assert.True(queue.IsEmpty);
        Dispose(first);
        Dispose(second);
    }

    [Fact]
    public void CompletedQueue_RefusesNewRequests_ButKeepsThoseAlreadyQueuedForTheLastBatch()
    {
        var queue = Queue(capacity: 10);
        queue.Enqueue(Request("before", records: 1));

        queue.Complete();

        Assert.False(queue.Enqueue(Request("after", records: 1)));
        var batch = new List<ShadowRequest>();
        Assert.Equal(1, queue.TakeBatch(batch, maxRecords: 100));
        Assert.Equal("before", Assert.Single(batch).RequestId);
        Assert.True(queue.IsCompleted);
        Dispose(batch);
    }

    private static ShadowQueue Queue(int capacity) => new(Options.Create(new ServingOptions { ShadowQueueCapacity = capacity }));

    private static ShadowRequest Request(string id, int records)
    {
        var record = """{"Type":"L","Torque [Nm]":40.5}""";
        var body = records == 1 ? record : "[" + string.Join(",", Enumerable.Repeat(record, records)) + "]";
        return new ShadowRequest(PredictionRequestReader.Parse(Encoding.UTF8.GetBytes(body), 100), id, null);
    }

    private static void Dispose(List<ShadowRequest> batch)
    {
        foreach (var request in batch) request.Request.Dispose();
    }
}
