using Pipeline.Delivery.Local;
using Pipeline.Modeling.Registry;

namespace Pipeline.Delivery.Deployment;

/// <summary>
/// The challengers of a deployment from the build's options (<c>--canary-version V --canary-percent P</c>,
/// <c>--shadow-version V</c>): each verified against its digest in the registry and resolved to a local folder.
/// The champion is the version the image serves.
/// </summary>
public static class TrafficPlan
{
    /// <summary>
    /// The challengers to deploy beside <paramref name="championVersion"/>; empty when neither option is given.
    /// Throws <see cref="ArgumentException"/> naming the option when a version is the champion, unknown, or the percent is out of range.
    /// </summary>
    /// <exception cref="Pipeline.Modeling.ModelingException">A version fails verification.</exception>
    public static IReadOnlyList<ChallengerDeployment> From(IModelRegistry registry, string championVersion, int? canaryVersion, double canaryPercent, int? shadowVersion)
    {
        var challengers = new List<ChallengerDeployment>();
        if (canaryVersion is { } canary)
        {
            if (!(canaryPercent is > 0 and <= 100))
                throw new ArgumentException($"--canary-percent is {canaryPercent}; expected more than 0 and at most 100 (e.g. 10).");
            challengers.Add(new ChallengerDeployment(canary, Resolve(registry, canary, championVersion, "--canary-version"), false, canaryPercent));
        }
        if (shadowVersion is { } shadow)
        {
            challengers.Add(new ChallengerDeployment(shadow, Resolve(registry, shadow, championVersion, "--shadow-version"), true, 0));
        }
        return challengers;
    }

    private static string Resolve(IModelRegistry registry, int version, string championVersion, string option)
    {
        if (version.ToString(System.Globalization.CultureInfo.InvariantCulture) == championVersion)
            throw new ArgumentException($"{option} {version} is the champion the image serves; give another registered version ({string.Join(", ", registry.Versions)}).");
        if (!registry.Versions.Contains(version))
            throw new ArgumentException($"{option} {version} is not a version of the registry {registry.Location}; registered: {string.Join(", ", registry.Versions)}.");
        registry.Verify(version);
        return registry.LocalVersionDirectory(version);
    }
}
