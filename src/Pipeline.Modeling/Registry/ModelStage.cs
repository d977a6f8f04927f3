namespace Pipeline.Modeling.Registry;

/// <summary>The lifecycle stage a registered version can be given.</summary>
public enum ModelStage
{
    /// <summary>Candidate under review; at most one version at a time.</summary>
    Staging,
    /// <summary>The version serving traffic (the champion); at most one at a time.</summary>
    Production,
    /// <summary>Retired versions, kept for audit and rollback.</summary>
    Archived,
}
