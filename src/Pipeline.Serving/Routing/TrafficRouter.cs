using Microsoft.Extensions.Options;
using Pipeline.Modeling.Registry;
using Pipeline.Serving.Configuration;
using Pipeline.Serving.Model;

namespace Pipeline.Serving.Routing;

/// <summary>
/// The challengers served beside the champion, loaded (and verified) once at start from their version folders:
/// canaries answer their share of the traffic (<see cref="TrafficSplit"/>), shadows score every request off the
/// request path. The champion stays in <see cref="ServedModelHolder"/> and keeps hot-swapping when its alias moves.
/// </summary>
public sealed class TrafficRouter : IDisposable
{
    private readonly ServedModel[] _canaries;
    private readonly TrafficSplit _split;

    /// <summary>Loads the configured challengers; throws <see cref="ModelLoadException"/> when one cannot be served.</summary>
    public TrafficRouter(IOptions<ServingOptions> options, ILogger<TrafficRouter> logger)
    {
        var challengers = options.Value.Challengers;
        var canaries = challengers.Where(c => !c.IsShadow).ToList();
        _canaries = canaries.Select(c => Load(c, logger)).ToArray();
        _split = new TrafficSplit(canaries.Select(c => c.Percent).ToList());
        Shadows = challengers.Where(c => c.IsShadow).Select(c => Load(c, logger)).ToArray();
    }

    /// <summary>The shadow challengers (empty without).</summary>
    public IReadOnlyList<ServedModel> Shadows { get; }

    /// <summary>The version that answers a request with <paramref name="key"/> (null: none, a random draw), and its role.</summary>
    public (ServedModel Model, string Role) Route(ServedModel champion, string? key)
    {
        if (_canaries.Length == 0)
        {
            return (champion, ServedRole.Champion);
        }
        var canary = _split.Choose(key);
        return canary < 0 ? (champion, ServedRole.Champion) : (_canaries[canary], ServedRole.Canary);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var model in _canaries.Concat(Shadows)) model.Dispose();
    }

    private static ServedModel Load(ChallengerOptions challenger, ILogger logger)
    {
        var directory = Path.GetFullPath(challenger.ModelPath);
        if (!RegistryLayout.IsVersionDirectory(directory))
        {
            throw new ModelLoadException($"The {challenger.Mode} challenger's folder {directory} is not a registry version folder (no {RegistryLayout.ModelFile}); set Serving:Challengers:N:ModelPath to one.");
        }
        var model = ServedModel.Load(directory);
        if (challenger.IsShadow)
            logger.LogInformation("Shadow model version {Version} from {Directory} scores every request off the request path.", model.Version, directory);
        else
            logger.LogInformation("Canary model version {Version} from {Directory} answers {Percent} % of the traffic.", model.Version, directory, challenger.Percent);
        return model;
    }
}
