using Microsoft.Extensions.Options;
using Pipeline.Serving.Configuration;

namespace Pipeline.Serving.Model;

/// <summary>
/// Polls the configured model location and hot-swaps when it changes (a new version promoted to the alias,
/// or the files of a version folder replaced). A model that fails to load is logged and not swapped in:
/// the previous one keeps serving, and the same broken files are not retried until they change again.
/// </summary>
public sealed class ModelWatcher(
    ServedModelHolder holder,
    IOptions<ServingOptions> options,
    ILogger<ModelWatcher> logger) : BackgroundService
{
    private readonly Lock _checking = new();
    private string? _loadedFingerprint;
    private string? _failedFingerprint;

    /// <summary>Loads the model the location currently names; throws <see cref="ModelLoadException"/> when it cannot.</summary>
    public void LoadInitial()
    {
        var location = ModelLocation.Resolve(options.Value.ModelPath, options.Value.Alias);
        var model = ServedModel.Load(location.VersionDirectory);
        _loadedFingerprint = location.Fingerprint;
        holder.Swap(model);
        logger.LogInformation("Serving model version {Version} from {Directory}.", model.Version, location.VersionDirectory);
    }

    /// <summary>Checks the location once and swaps if it names different files; returns true when it swapped.</summary>
    public bool CheckOnce()
    {
        // The timer and an explicit call (tests, a future admin endpoint) must not load the same version twice.
        lock (_checking)
        {
            return CheckLocked();
        }
    }

    private bool CheckLocked()
    {
        ModelLocation location;
        try
        {
            location = ModelLocation.Resolve(options.Value.ModelPath, options.Value.Alias);
        }
        catch (ModelLoadException e)
        {
            if (_failedFingerprint != e.Message)
            {
                logger.LogWarning("Model location unusable, keeping version {Version}: {Reason}", holder.Current?.Version, e.Message);
                _failedFingerprint = e.Message;
            }
            return false;
        }
        if (location.Fingerprint == _loadedFingerprint || location.Fingerprint == _failedFingerprint)
        {
            return false;
        }
        try
        {
            var model = ServedModel.Load(location.VersionDirectory);
            holder.Swap(model);
            _loadedFingerprint = location.Fingerprint;
            _failedFingerprint = null;
            logger.LogInformation("Swapped to model version {Version} from {Directory}.", model.Version, location.VersionDirectory);
            return true;
        }
        catch (ModelLoadException e)
        {
            _failedFingerprint = location.Fingerprint;
            logger.LogError("Not swapping to {Directory}, keeping version {Version}: {Reason}", location.VersionDirectory, holder.Current?.Version, e.Message);
            return false;
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(0.1, options.Value.WatchIntervalSeconds));
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            CheckOnce();
        }
    }
}
