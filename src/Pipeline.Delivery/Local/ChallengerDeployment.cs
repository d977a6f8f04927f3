namespace Pipeline.Delivery.Local;

/// <summary>A registry version served beside the champion: a canary (a share of the traffic) or a shadow (scored and logged only).</summary>
/// <param name="Version">The registry version.</param>
/// <param name="VersionDirectory">Its local, verified version folder (mounted read-only into the container).</param>
/// <param name="Shadow">True for a shadow, false for a canary.</param>
/// <param name="Percent">For a canary: its share of the traffic, 0 to 100.</param>
public sealed record ChallengerDeployment(int Version, string VersionDirectory, bool Shadow, double Percent)
{
    /// <summary>Where the version folder is mounted in the container.</summary>
    public string ContainerDirectory => $"/app/challengers/{Version}";

    /// <summary>The service's settings for challenger <paramref name="index"/>, as environment variables.</summary>
    public IEnumerable<string> Environment(int index)
    {
        var prefix = $"Serving__Challengers__{index}__";
        yield return $"{prefix}ModelPath={ContainerDirectory}";
        yield return $"{prefix}Mode={(Shadow ? "shadow" : "canary")}";
        if (!Shadow) yield return $"{prefix}Percent={Percent.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <summary>In a sentence: "version 4 as a 10 % canary", "version 5 in shadow".</summary>
    public override string ToString() => Shadow ? $"version {Version} in shadow" : $"version {Version} as a {Percent.ToString(System.Globalization.CultureInfo.InvariantCulture)} % canary";
}
