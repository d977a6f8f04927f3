using Pipeline.Modeling.Scoring;

namespace Pipeline.Serving.Routing;

/// <summary>The part a version plays in the service, as logged (<see cref="InferenceLogFormat.Role"/>) and labelled in metrics.</summary>
public static class ServedRole
{
    /// <summary>The champion: the version the alias or model folder names, answering all traffic not given to a canary.</summary>
    public const string Champion = InferenceLogFormat.ChampionRole;

    /// <summary>A canary: a challenger answering its share of the traffic.</summary>
    public const string Canary = InferenceLogFormat.CanaryRole;

    /// <summary>A shadow: a challenger scoring requests off the request path; its answers are only logged.</summary>
    public const string Shadow = InferenceLogFormat.ShadowRole;
}
