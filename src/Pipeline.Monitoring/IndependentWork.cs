using System.Runtime.ExceptionServices;

namespace Pipeline.Monitoring;

/// <summary>
/// Independent pieces of work (the columns of a drift check, the samples a model scores) spread over the cores, the
/// results in the items' order; an exception comes out as itself (not wrapped in an <see cref="AggregateException"/>),
/// as it would from a loop.
/// </summary>
internal static class IndependentWork
{
    public static T[] Map<TItem, T>(IReadOnlyList<TItem> items, Func<TItem, T> work)
    {
        var results = new T[items.Count];
        try
        {
            Parallel.For(0, items.Count, i => results[i] = work(items[i]));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return results;
    }
}
