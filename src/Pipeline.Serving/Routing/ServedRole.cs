namespace Pipeline.Serving.Routing;

/// <summary>The part a version plays in the service, as logged and labelled in metrics.</summary>
public static class ServedRole
{
    /// <summary>The champion: the version the alias or model folder names, answering all traffic not given to a canary.</summary>
    public const string Champion = "champion";

    /// <summary>A canary: a challenger answering its share of the traffic.</summary>
    public const string Canary = "canary";

    /// <summary>A shadow: a challenger scoring requests off the request path; its answers are only logged.</summary>
    public const string Shadow = "shadow";
}
