using System.Runtime.ExceptionServices;

namespace Pipeline.Monitoring;

/// <summary>
/// Work on independent columns spread over the cores, results in column order; an exception comes out as itself
/// (not wrapped in an <see cref="AggregateException"/>), as it would from a loop.
/// </summary>
internal static class ColumnParallel
{
    public static T[] Map<TColumn, T>(IReadOnlyList<TColumn> columns, Func<TColumn, T> work)
    {
        var results = new T[columns.Count];
        try
        {
            Parallel.For(0, columns.Count, i => results[i] = work(columns[i]));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return results;
    }
}
