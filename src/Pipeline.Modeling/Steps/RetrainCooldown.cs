using System.Globalization;
using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Registry;

namespace Pipeline.Modeling.Steps;

/// <summary>Whether the retrain cooldown holds, and the sentence that says so.</summary>
/// <param name="Holds">True when no retrain may start now.</param>
/// <param name="Sentence">The verdict in words: when the last retrain was and when the next is allowed.</param>
/// <param name="LastRetrain">The last <see cref="RetrainTriggered"/> event, or null when there was none.</param>
public sealed record CooldownVerdict(bool Holds, string Sentence, StoredEvent? LastRetrain);

/// <summary>
/// The retrain cooldown, read from the registry's event log (so it holds across machines sharing an OCI registry):
/// no retrain within <c>cooldown.hours</c> of the last <see cref="RetrainTriggered"/>, nor in the first
/// <c>cooldown.runs</c> drift-triggered runs after it (each such run that was held back is a
/// <see cref="RetrainDeferred"/> event).
/// </summary>
public static class RetrainCooldown
{
    /// <summary>The verdict at <paramref name="now"/> for the log <paramref name="events"/> (in log order).</summary>
    public static CooldownVerdict Check(IReadOnlyList<StoredEvent> events, RetrainCooldownSettings settings, DateTimeOffset now)
    {
        var last = events.LastOrDefault(e => e.Event is RetrainTriggered);
        if (last is null) return new CooldownVerdict(false, "no retrain is recorded in the registry yet", null);
        var retrain = (RetrainTriggered)last.Event;
        var when = $"the last retrain was at {Time(retrain.TimeUtc)} ({Hours(now - retrain.TimeUtc)} ago, from v{retrain.Version?.ToString(CultureInfo.InvariantCulture) ?? "?"} to " +
                   $"v{retrain.RetrainedVersion?.ToString(CultureInfo.InvariantCulture) ?? "?"})";
        if (settings.IsNone) return new CooldownVerdict(false, $"{when}; no cooldown is configured", last);

        var allowedAt = retrain.TimeUtc.AddHours(settings.Hours);
        var deferred = events.SkipWhile(e => e != last).Count(e => e.Event is RetrainDeferred);
        var timeHolds = settings.Hours > 0 && now < allowedAt;
        var runsHold = settings.Runs > 0 && deferred < settings.Runs;
        var conditions = new List<string>();
        if (settings.Hours > 0) conditions.Add($"from {Time(allowedAt)} (cooldown.hours {Number(settings.Hours)})");
        if (settings.Runs > 0)
            conditions.Add(runsHold
                ? $"after {settings.Runs - deferred} more drift-triggered run{(settings.Runs - deferred == 1 ? "" : "s")} (cooldown.runs {settings.Runs}, {deferred} held back so far)"
                : $"after {settings.Runs} drift-triggered run{(settings.Runs == 1 ? "" : "s")} (cooldown.runs {settings.Runs}: {deferred} held back)");
        var holds = timeHolds || runsHold;
        return new CooldownVerdict(holds,
            holds ? $"the retrain cooldown holds: {when}; the next retrain is allowed {string.Join(" and ", conditions)}"
                  : $"the retrain cooldown is over: {when}; a retrain was allowed {string.Join(" and ", conditions)}",
            last);
    }

    /// <summary>Records that a drift-triggered run was held back by the cooldown, on <paramref name="version"/> (the production version).</summary>
    public static StoredEvent Defer(IModelRegistry registry, int version, CooldownVerdict verdict) =>
        registry.Record(new RetrainDeferred(verdict.LastRetrain?.Event.Sequence ?? 0) { Version = version, Reason = verdict.Sentence });

    static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
    static string Hours(TimeSpan span) => span.TotalHours < 1
        ? Math.Max(0, span.TotalMinutes).ToString("0", CultureInfo.InvariantCulture) + " min"
        : span.TotalHours.ToString("0.#", CultureInfo.InvariantCulture) + " h";
    static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
