using System.Text.Json;
using Pipeline.Data.Loading;
using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Provenance;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Training;

namespace Pipeline.Modeling.Steps;

/// <summary>What started a retrain: the drift check's verdict, in words and figures.</summary>
/// <param name="Description">The trigger in words (e.g. "drift in Air temperature [K] of inference log …").</param>
/// <param name="DriftedFeatures">The features that drifted.</param>
/// <param name="EstimatedPerformance">The drift check's estimate of the champion's performance on the current data, in words; null when it made none.</param>
public sealed record RetrainTrigger(string Description, IReadOnlyList<string> DriftedFeatures, string? EstimatedPerformance = null);

/// <summary>What a retrain did: skipped by the cooldown, or registered a version that became production or stayed staging.</summary>
/// <param name="Sentence">The outcome in words, with the numbers.</param>
/// <param name="Version">The version registered (null when skipped).</param>
/// <param name="Promoted">True when the retrained version is production now.</param>
/// <param name="ChampionVersion">The production version before the retrain (null when there was none).</param>
/// <param name="Comparison">Champion vs challenger on the held-out recent rows (null when skipped or without a champion).</param>
public sealed record RetrainOutcome(string Sentence, int? Version = null, bool Promoted = false, int? ChampionVersion = null, HoldoutComparison? Comparison = null)
{
    /// <summary>True when the cooldown held and nothing was trained.</summary>
    public bool Skipped => Version is null;

    /// <summary>Writes the outcome as JSON (what a scheduled job reads: skipped, version, promoted, the comparison's figures).</summary>
    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var c = Comparison;
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            skipped = Skipped,
            version = Version,
            promoted = Promoted,
            championVersion = ChampionVersion,
            sentence = Sentence,
            holdout = c is null ? null : new
            {
                rows = c.Rows, positives = c.Positives, metric = c.Decision.Metric, champion = c.Decision.Champion, challenger = c.Decision.Challenger,
                difference = c.Decision.Difference, lower = Finite(c.Decision.Lower), upper = Finite(c.Decision.Upper), margin = c.Decision.Margin,
            },
        }, new JsonSerializerOptions { WriteIndented = true }));
    }

    static double? Finite(double value) => double.IsFinite(value) ? value : null;
}

/// <summary>
/// Retrain on drift: Train, Evaluate and Register on labelled recent data in one go, by the retrain policy of
/// training.json (<see cref="RetrainPolicy"/>): the rows trained on (recent, reference+recent, or a sliding window),
/// a share of the recent rows held out from training, on which the promotion rule compares the challenger with the
/// production champion (a tie stays staging), and a cooldown read from the registry's event log. New data has no
/// verified snapshot yet, so the gate's floors still apply. The retrain is recorded on the champion it started from (a
/// <see cref="RetrainTriggered"/> event naming the version it registered) and the new version's lineage carries why.
/// <paramref name="attachments"/> go into the new version as Register's do.
/// </summary>
public sealed class RetrainChain(Workspace workspace, StepLog log, IReadOnlyList<IVersionAttachment>? attachments = null)
{
    /// <summary>The dataset's retrain policy (training.json's <c>retrain</c>).</summary>
    /// <exception cref="ModelingException">training.json is invalid.</exception>
    public RetrainPolicy Policy => TrainingConfigurationLoader.LoadOrDefault(workspace.ConfigurationPath).Retrain;

    /// <summary>Where the outcome of the last retrain is written.</summary>
    public string OutcomePath => Path.Combine(workspace.RetrainDirectory, "outcome.json");

    /// <summary>The cooldown's verdict now, from the registry's event log.</summary>
    public CooldownVerdict Cooldown(DateTimeOffset? now = null)
    {
        using var registry = workspace.OpenRegistry();
        return RetrainCooldown.Check(registry.ReadEvents(), Policy.Cooldown, now ?? DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// A drift-triggered run held back by the cooldown: recorded on the production version (counted by
    /// <c>cooldown.runs</c>), said in the log and written as the outcome.
    /// </summary>
    public RetrainOutcome Defer(CooldownVerdict verdict)
    {
        using var registry = workspace.OpenRegistry();
        if (registry.Stages.Production is { } production) RetrainCooldown.Defer(registry, production, verdict);
        var outcome = new RetrainOutcome(verdict.Sentence, ChampionVersion: registry.Stages.Production);
        outcome.Write(OutcomePath);
        return outcome;
    }

    /// <summary>
    /// Retrains by the policy on the reference data <paramref name="reference"/> (the CSV text the production model
    /// was trained on) and the labelled recent CSV <paramref name="recentFile"/>, both in the format of
    /// <paramref name="spec"/>; the promotion rule decides on the held-out recent rows. The cooldown is not checked
    /// here (see <see cref="Cooldown"/>).
    /// </summary>
    /// <exception cref="ModelingException">The data cannot be split by the policy, training or a floor of the gate failed, or registration failed.</exception>
    /// <exception cref="Pipeline.Data.DataException">The recent file is not valid data of the dataset.</exception>
    public RetrainOutcome Run(Pipeline.Data.Specs.DatasetSpec spec, DataSource reference, string recentFile, RetrainTrigger trigger)
    {
        var configuration = TrainingConfigurationLoader.LoadOrDefault(workspace.ConfigurationPath);
        var policy = configuration.Retrain;
        var data = RetrainData.Select(spec, workspace.RootDirectory, reference, recentFile, policy, configuration.Seed, workspace.RetrainDirectory);
        log.Info($"Retrain policy ({configuration.Source}): {policy.Describe()}.");
        log.Info($"Retrain data: {data.Description}.");

        int? champion;
        using (var registry = workspace.OpenRegistry()) champion = registry.Stages.Production;
        Train(data.Training);
        var comparison = HoldoutComparison.Of(workspace, data.Holdout, configuration.Promotion);
        if (comparison is not null)
        {
            log.Info($"Champion vs challenger {comparison.Figures}.");
            log.Info($"Promotion rule on the held-out recent rows against production v{comparison.ChampionVersion}: {comparison.Decision.Sentence}");
        }
        var reason = new RetrainReason(trigger.Description, trigger.DriftedFeatures, trigger.EstimatedPerformance, champion,
            RetrainPolicy.NameOf(policy.Data), data.RecentRows, data.Holdout.RowCount, data.Training.RowCount);
        var summary = TrainingSummary.Read(workspace.TrainingSummaryPath);
        (summary with { Lineage = summary.Lineage with { Retrain = reason } }).Write(workspace.TrainingSummaryPath);
        var registered = Register(data.Training, comparison?.ToRecord(), champion, trigger.Description);

        bool promoted;
        using (var registry = workspace.OpenRegistry()) promoted = registry.Stages.Production == registered.Version;
        var sentence = promoted
            ? (comparison is null
                ? $"Retrained v{registered.Version} is production: there was no production version to compare with."
                : $"Retrained v{registered.Version} is production, replacing v{comparison.ChampionVersion}: it won {comparison.Figures}; {comparison.Decision.Sentence}")
            : comparison is null
                ? $"Retrained v{registered.Version} is not production; production is still v{champion?.ToString() ?? "none"}."
                : $"Retrained v{registered.Version} did not beat production v{comparison.ChampionVersion} by the margin, so v{comparison.ChampionVersion} stays production (nothing to redeploy): {comparison.Figures}; {comparison.Decision.Sentence}";
        (promoted ? log.Info : log.Warn)(sentence);
        var outcome = new RetrainOutcome(sentence, registered.Version, promoted, champion, comparison);
        outcome.Write(OutcomePath);
        return outcome;
    }

    /// <summary>
    /// Trains, evaluates and registers on <paramref name="data"/> as a whole (the promotion rule decides on its own
    /// test split, as for any registration): the retrain of a dataset without separate reference and recent data.
    /// </summary>
    /// <param name="data">The labelled data.</param>
    /// <param name="reason">Why the retrain ran (e.g. the drift verdict), recorded in the event.</param>
    /// <exception cref="ModelingException">Training, a floor of the gate, or registration failed; nothing after the failing step ran.</exception>
    public ModelMetadata Run(Dataset data, string reason = "")
    {
        int? champion;
        using (var registry = workspace.OpenRegistry()) champion = registry.Stages.Production;
        Train(data);
        return Register(data, null, champion, reason);
    }

    void Train(Dataset data)
    {
        new TrainStep(workspace, log, attachments).Run(data);
        new EvaluateStep(workspace, log).Run(data, isEmbeddedDefault: false, onMissingSnapshot: MissingSnapshotPolicy.Warn, receivedSnapshotForAcceptMetrics: false);
    }

    ModelMetadata Register(Dataset data, PromotionRecord? promotion, int? champion, string reason)
    {
        var result = new RegisterStep(workspace, log, attachments).Register(data, promotion);
        if (champion is { } from)
        {
            using var registry = workspace.OpenRegistry();
            registry.Record(new RetrainTriggered(result.Version) { Version = from, Reason = reason });
            log.Info($"Recorded on v{from}: its retrain registered v{result.Version}.");
        }
        return result.Metadata;
    }
}
