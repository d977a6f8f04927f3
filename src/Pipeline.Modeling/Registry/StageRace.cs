namespace Pipeline.Modeling.Registry;

/// <summary>
/// A stage change whose writer saw another production version than the log holds at the change's place: two
/// writers changed stages at once, and the later one decided on stale information. The change still counts (the log
/// is the order of facts); this warning says so, so that it is never silently lost.
/// </summary>
/// <param name="EventPath">The stage change's event file.</param>
/// <param name="Version">The version whose stage changed.</param>
/// <param name="To">The stage it was given.</param>
/// <param name="ExpectedProduction">The production version its writer saw.</param>
/// <param name="ActualProduction">The production version the log held just before it.</param>
/// <param name="Actor">Who made the change.</param>
public sealed record StageRace(string EventPath, int Version, ModelStage To, int? ExpectedProduction, int? ActualProduction, string Actor)
{
    /// <summary>The warning as a sentence a user can act on.</summary>
    public string Message =>
        $"Stage change {Path.GetFileName(EventPath)} ({Actor}: version {Version} → {To.ToString().ToLowerInvariant()}) was decided when production was " +
        $"{Describe(ExpectedProduction)}, but production was already {Describe(ActualProduction)}: it raced with another stage change. " +
        "Check that production is the version you want (./build.sh Models) and promote or roll back if not.";

    static string Describe(int? version) => version is { } v ? $"v{v}" : "none";
}
