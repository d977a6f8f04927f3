using System.Text;
using System.Text.Json;
using Pipeline.Modeling.Promotion;
using Pipeline.Modeling.Scoring;

namespace Pipeline.Delivery.Traffic;

/// <summary>The comparison of a champion and a challenger on logged traffic.</summary>
/// <param name="Champion">The champion's share of the traffic.</param>
/// <param name="Challenger">The challenger's (as a canary or in shadow).</param>
/// <param name="LabelledRows">Logged requests with a joined label, scored by both versions for the promotion rule.</param>
/// <param name="Decision">The promotion rule's verdict on the labelled rows, or null without labelled rows.</param>
/// <param name="Report">The table and the verdict, for the build log.</param>
public sealed record VersionComparisonResult(VersionTraffic Champion, VersionTraffic Challenger, int LabelledRows, PromotionDecision? Decision, string Report)
{
    /// <summary>True when the promotion rule promoted the challenger.</summary>
    public bool Promote => Decision?.Promote == true;
}

/// <summary>
/// Compares a champion and a challenger on the traffic a deployment logged: each version's score distribution on the
/// requests it scored, and, when outcomes are joined back (<see cref="JoinedLabels"/>), the registry's single
/// <see cref="PromotionRule"/> on the labelled requests, each scored by both versions (a canary's requests were answered
/// by one version only; scoring them with both gives the rule the paired rows it needs).
/// </summary>
public static class VersionComparison
{
    /// <summary>Compares <paramref name="champion"/> and <paramref name="challenger"/> (loaded from their verified version folders).</summary>
    /// <exception cref="InvalidOperationException">The log has no record of one of the versions; the message says what to do.</exception>
    public static VersionComparisonResult Compare(IReadOnlyList<LoggedRecord> records, ScoringModel champion, ScoringModel challenger, JoinedLabels? labels, PromotionRule rule)
    {
        string championVersion = champion.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), challengerVersion = challenger.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var championTraffic = Traffic(records, championVersion, r => r.Role != InferenceLogFormat.ShadowRole);
        var challengerTraffic = Traffic(records, challengerVersion, _ => true);
        foreach (var traffic in new[] { championTraffic, challengerTraffic })
            if (traffic.Records == 0)
                throw new InvalidOperationException($"The inference log has no record scored by version {traffic.Version}; deploy it (--canary-version or --shadow-version) and send traffic before comparing.");

        PromotionDecision? decision = null;
        var labelled = labels is null ? [] : records.Where(r => r.Role != InferenceLogFormat.ShadowRole).Select(r => (Record: r, Label: labels.Of(r))).Where(x => x.Label is not null).ToList();
        if (labelled.Count > 0)
        {
            var features = labelled.Select(x => (IReadOnlyDictionary<string, JsonElement>)x.Record.Features.EnumerateObject().ToDictionary(p => p.Name, p => p.Value)).ToList();
            decision = rule.Decide(labelled.Select(x => x.Label!.Value).ToList(),
                new ScoredPredictions(features.Select(f => (float)champion.Score(f).Probability).ToList(), champion.Threshold, champion.Metadata.Lineage.DataSource),
                new ScoredPredictions(features.Select(f => (float)challenger.Score(f).Probability).ToList(), challenger.Threshold, challenger.Metadata.Lineage.DataSource));
        }

        var report = new StringBuilder()
            .AppendLine($"Version {challengerVersion} ({challengerTraffic.Role}) against champion {championVersion} on the logged traffic:")
            .AppendLine(VersionTraffic.Header).AppendLine(championTraffic.Row).AppendLine(challengerTraffic.Row)
            .Append(decision is null
                ? labels is null
                    ? "No labels joined (--labels): the promotion rule needs outcomes, so the challenger is not promoted."
                    : $"None of the {labels.Labels.Count} labels matches a logged request's {labels.KeyColumn}: the challenger is not promoted."
                : $"On {labelled.Count} labelled requests scored by both versions: {decision.Sentence}");
        return new VersionComparisonResult(championTraffic, challengerTraffic, labelled.Count, decision, report.ToString());
    }

    private static VersionTraffic Traffic(IReadOnlyList<LoggedRecord> records, string version, Func<LoggedRecord, bool> include)
    {
        var mine = records.Where(r => r.Version == version && include(r)).ToList();
        return VersionTraffic.Of(version, mine.Count > 0 ? mine[0].Role : "none", mine.Select(r => r.Score).ToList());
    }
}
