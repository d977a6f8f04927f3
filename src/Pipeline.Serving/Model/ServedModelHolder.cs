namespace Pipeline.Serving.Model;

/// <summary>
/// The model currently served. A request reads <see cref="Current"/> once and scores with that instance,
/// so a swap never disturbs requests in flight; the reference write is atomic (volatile). A replaced model is
/// disposed only after a grace period, long after any request that read it has finished.
/// </summary>
public sealed class ServedModelHolder
{
    private static readonly TimeSpan DisposeGracePeriod = TimeSpan.FromSeconds(60);
    private volatile ServedModel? _current;

    /// <summary>The served model, or null before the first load.</summary>
    public ServedModel? Current => _current;

    /// <summary>Raised after a swap, with the new model.</summary>
    public event Action<ServedModel>? Swapped;

    /// <summary>Makes <paramref name="model"/> the served model.</summary>
    public void Swap(ServedModel model)
    {
        var previous = Interlocked.Exchange(ref _current, model);
        Swapped?.Invoke(model);
        if (previous is not null)
        {
            _ = Task.Delay(DisposeGracePeriod).ContinueWith(_ => previous.Dispose(), TaskScheduler.Default);
        }
    }
}
