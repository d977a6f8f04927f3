using Pipeline.Data.Loading;
using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Features;
using Pipeline.Modeling.Gate;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Runs;
using Pipeline.Modeling.Training;

namespace Pipeline.Modeling.Steps;

/// <summary>
/// Evaluate: the trained model on the held-out split (metrics, slices, causes), the production champion on the same
/// rows, metrics.json and report.html, then the metric gate.
/// </summary>
public sealed class EvaluateStep(Workspace workspace, StepLog log)
{
    /// <summary>
    /// Evaluates the trained model on the test split of <paramref name="data"/>, scores the production model on the
    /// same rows, writes metrics.json and report.html, and applies the metric gate.
    /// </summary>
    /// <param name="data">The same data Train used.</param>
    /// <param name="isEmbeddedDefault">True when the data is the embedded default (no --data), which selects the snapshot.</param>
    /// <param name="onMissingSnapshot">Overrides the configuration's <c>gate.onMissingSnapshot</c> (Retrain evaluates new data, which has no snapshot yet).</param>
    /// <param name="receivedSnapshotForAcceptMetrics">
    /// True (the Evaluate target): the received snapshot goes beside the verified one in models/&lt;dataset&gt;, for
    /// AcceptMetrics to offer for commit. False (Retrain, on data nobody chose to commit numbers for): it goes to the
    /// evaluation artifacts instead, so AcceptMetrics never offers it.
    /// </param>
    /// <exception cref="ModelingException">The gate failed (the old/new/delta table is logged first), or Train has not run on this data.</exception>
    public EvaluationResult Run(Dataset data, bool isEmbeddedDefault, MissingSnapshotPolicy? onMissingSnapshot = null, bool receivedSnapshotForAcceptMetrics = true)
    {
        var summary = TrainingSummary.Read(workspace.TrainingSummaryPath);
        if (summary.Lineage.DataHash != data.ContentHash || summary.Lineage.Dataset != data.Spec.Name)
            throw new ModelingException($"The model in {workspace.TrainingDirectory} was trained on {summary.Lineage.Dataset} data {SnapshotLocation.ShortHash(summary.Lineage.DataHash)}, but this is {data.Spec.Name} data {SnapshotLocation.ShortHash(data.ContentHash)}; run the Train target on it first.");
        var (modelBytes, modelSha256) = TrainedModelFile.Read(workspace, summary);
        var features = DatasetFeatures.From(data);
        features.RequireBothClassesInTestSplit();
        if (!features.Test.FeatureNames.SequenceEqual(summary.FeatureNames))
            throw new ModelingException($"The dataset spec now produces features [{string.Join(", ", features.Test.FeatureNames)}] but the model was trained on [{string.Join(", ", summary.FeatureNames)}]; run the Train target again.");

        var configuration = TrainingConfigurationLoader.LoadOrDefault(workspace.ConfigurationPath);
        var result = Measure(summary, features, ChallengerScores.Of(workspace, summary, modelBytes, features), configuration.Promotion);
        var timer = System.Diagnostics.Stopwatch.StartNew();
        result = result with { Permutation = Scoring.PermutationScoring.Of(modelBytes, workspace.ModelPath, data.Spec, features.TestRows.Select(features.Record).ToList(), features.Test.Labels) };
        log.Info($"Permutation importance: {result.Permutation.Fields.Count} input fields × {result.Permutation.Repeats} shuffles on {result.Permutation.Rows} held-out rows in {timer.Elapsed.TotalSeconds:0.0} s.");
        var gatePolicy = onMissingSnapshot is { } policy ? configuration.Gate with { OnMissingSnapshot = policy } : configuration.Gate;
        var location = SnapshotLocation.For(workspace.ModelsDirectory, summary.Lineage.DataHash, isEmbeddedDefault);
        if (!receivedSnapshotForAcceptMetrics)
            location = location with { ReceivedPath = Path.Combine(workspace.EvaluationDirectory, Path.GetFileName(location.ReceivedPath)) };
        var gate = MetricGate.Check(MetricSnapshot.Of(summary.Lineage.Dataset, summary.Lineage.DataHash, summary.Lineage.Trainer, result.GatedMetrics),
            location, gatePolicy);

        Directory.CreateDirectory(workspace.EvaluationDirectory);
        EvaluationRecord.Of(result, summary.Lineage.RunId, summary.Lineage.DataRows, modelSha256, gate, workspace.RootDirectory).Write(workspace.MetricsPath, result);
        File.WriteAllText(workspace.ReportPath, EvaluationReport.ToHtml(result, new ReportContext(summary.Lineage, gate, Scoring.GlobalExplanation.Of(modelBytes, workspace.ModelPath, data.Spec, features.Train, features.Test), DateTimeOffset.UtcNow)
        {
            History = History(summary, result, gate),
        }));
        foreach (var line in EvaluationLines.Of(result)) log.Info(line);
        log.Info($"Wrote {workspace.MetricsPath} and {workspace.ReportPath}.");
        new RunHistory(workspace.RunsDirectory).Update(summary.Lineage.RunId, run => run with
        {
            TestMetrics = result.GatedMetrics,
            Artifacts = new Dictionary<string, string>(run.Artifacts) { ["metrics"] = workspace.MetricsPath, ["report"] = workspace.ReportPath },
        });
        GateOutcome.Report(gate, gatePolicy, configuration.Source, workspace.RootDirectory, log);
        return result;
    }

    // The dataset's evaluated runs with this one's new figures (the run history is updated after the report is written).
    MetricHistory History(TrainingSummary summary, EvaluationResult result, GateResult gate)
    {
        var snapshot = gate.Rows.Where(r => r.Verified is not null).ToDictionary(r => r.Metric, r => r.Verified!.Value);
        HistoryRun Current(DateTimeOffset started) => new(summary.Lineage.RunId, started, result.GatedMetrics);
        try
        {
            var recorded = new RunHistory(workspace.RunsDirectory).List().Select(r => new HistoryRun(r.Lineage.RunId, r.StartedUtc, r.TestMetrics)).ToList();
            var started = recorded.FirstOrDefault(r => r.RunId == summary.Lineage.RunId)?.Started ?? DateTimeOffset.UtcNow;
            return MetricHistory.Of(recorded, Current(started), snapshot);
        }
        catch (ModelingException e)
        {
            return MetricHistory.Of([], Current(DateTimeOffset.UtcNow), snapshot, e.Message);
        }
    }

    // Held-out metrics, slices, causes and the champion comparison of the scored test split.
    EvaluationResult Measure(TrainingSummary summary, DatasetFeatures features, ChallengerScores scores, PromotionSettings promotion)
    {
        var test = features.Test;
        var metrics = BinaryMetrics.Compute(scores.Probabilities, test.Labels, summary.Lineage.Threshold);
        var slices = SliceMetrics.Compute(features.CategoricalValues(features.TestRows), scores.Probabilities, test.Labels, summary.Lineage.Threshold);
        var champion = ChampionScoring.Compare(workspace.OpenRegistry(), features, metrics,
            new Promotion.ScoredPredictions(scores.Probabilities, summary.Lineage.Threshold, summary.Lineage.DataSource), promotion, log);
        return new EvaluationResult(summary.Lineage.Dataset, summary.Lineage.DataHash, summary.Lineage.Trainer, metrics,
            new CrossValidationSpread(summary.Folds, summary.CrossValidation), slices, champion, scores.Probabilities, test.Labels)
        {
            Causes = summary.Lineage.Causes is { Count: > 0 } causes
                ? CauseMetrics.Compute(features.CauseFlags(causes.Select(c => c.Column), features.TestRows), scores.CauseMembers, scores.Probabilities, test.Labels, summary.Lineage.Threshold)
                : [],
        };
    }

    /// <summary>
    /// The files the gate's verdict depends on, in the order the build hashes them: Train's outputs, the data files
    /// (<paramref name="dataFiles"/>), training.json (tolerances), the verified snapshots, the champion and the code.
    /// As only a passing run is recorded, UpToDate means "passed on exactly these inputs".
    /// </summary>
    public static IEnumerable<string> Inputs(Workspace workspace, IEnumerable<string> dataFiles) =>
        TrainStep.Outputs(workspace).Concat(dataFiles).Append(workspace.ConfigurationPath)
            .Concat(VerifiedSnapshots(workspace)).Concat(Champion(workspace)).Concat(TrainStep.CodeFiles());

    /// <summary>metrics.json and report.html.</summary>
    public static IEnumerable<string> Outputs(Workspace workspace) => [workspace.MetricsPath, workspace.ReportPath];

    /// <summary>The committed metric snapshots the gate compares with (every one of the dataset: which one applies depends on the data's hash).</summary>
    public static IEnumerable<string> VerifiedSnapshots(Workspace workspace) =>
        Directory.Exists(workspace.ModelsDirectory)
            ? Directory.EnumerateFiles(workspace.ModelsDirectory, "*.verified.json").Order(StringComparer.Ordinal)
            : [];

    /// <summary>
    /// The champion Evaluate scores: the production version's folder. While production is the version registered from
    /// the trained run itself, the champion that matters is the one the run was compared with before it was registered
    /// (recorded in metrics.json); so registering a model does not make the next run evaluate it again, while a
    /// Promote or Rollback to another version does.
    /// </summary>
    public static IEnumerable<string> Champion(Workspace workspace)
    {
        var registry = workspace.OpenRegistry();
        if (registry.Stages.Production is not { } production) return [];
        var isTrainedRun = RegisterStep.RegisteredVersionOfTrainedRun(workspace) == registry.LocalVersionDirectory(production);
        return (isTrainedRun ? ChampionOfLastEvaluation(workspace) : production) is { } champion
            ? [registry.LocalVersionDirectory(champion)]
            : [];
    }

    /// <summary>The production version metrics.json compared with, if any (null also when it is unreadable: then Evaluate runs anyway, as its output changed).</summary>
    public static int? ChampionOfLastEvaluation(Workspace workspace) => EvaluationRecord.TryRead(workspace.MetricsPath)?.Champion?.Version;
}
