namespace Pipeline.Serving.Configuration;

/// <summary>
/// A version served beside the champion, bound from <c>Serving:Challengers:N</c> (e.g. the environment variables
/// <c>Serving__Challengers__0__ModelPath</c>, <c>…__Mode</c>, <c>…__Percent</c>).
/// </summary>
public sealed class ChallengerOptions
{
    /// <summary>The <see cref="Mode"/> of a challenger that answers its share of the traffic.</summary>
    public const string CanaryMode = "canary";

    /// <summary>The <see cref="Mode"/> of a challenger scored off the request path, whose answers are only logged.</summary>
    public const string ShadowMode = "shadow";

    /// <summary>The registry version folder of the challenger (holds model.zip and metadata.json).</summary>
    public string ModelPath { get; set; } = "";

    /// <summary><c>canary</c> (answers <see cref="Percent"/> of the requests) or <c>shadow</c> (scores every request, answers none).</summary>
    public string Mode { get; set; } = CanaryMode;

    /// <summary>For a canary: the share of requests it answers, 0 to 100 (a sticky key always lands on the same version).</summary>
    public double Percent { get; set; }

    /// <summary>True for a shadow challenger.</summary>
    public bool IsShadow => string.Equals(Mode, ShadowMode, StringComparison.OrdinalIgnoreCase);
}
