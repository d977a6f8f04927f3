using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Gate;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Runs;
using Pipeline.Modeling.Scoring;
using Pipeline.Modeling.Training;

namespace Pipeline.Modeling.Workflow;

/// <summary>
/// The modeling steps of the lifecycle as the build targets call them: Train, Evaluate (with the metric gate and
/// champion vs challenger), AcceptMetrics, Register, Promote, Rollback and the run history. Each step reads what
/// the previous one wrote under artifacts/, so steps can run in separate processes.
/// </summary>
public sealed class ModelOps
{
    readonly Action<string> info;
    readonly Action<string> warn;

    /// <summary>Creates the steps for <paramref name="dataset"/> in the repository at <paramref name="rootDirectory"/>.</summary>
    public ModelOps(string rootDirectory, string dataset, Action<string>? info = null, Action<string>? warn = null)
    {
        Paths = new ModelOpsPaths(rootDirectory, dataset);
        this.info = info ?? (_ => { });
        this.warn = warn ?? (_ => { });
    }

    /// <summary>Where the steps read and write.</summary>
    public ModelOpsPaths Paths { get; }

    /// <summary>The training configuration (models/&lt;dataset&gt;/training.json, or built-in defaults).</summary>
    public TrainingConfiguration Configuration => TrainingConfigurationLoader.LoadOrDefault(Paths.ConfigurationPath);

    /// <summary>The dataset's model registry.</summary>
    public ModelRegistry Registry => new(Paths.RegistryDirectory);

    /// <summary>The run history.</summary>
    public RunHistory Runs => new(Paths.RunsDirectory);

    /// <summary>Trains on the training split of <paramref name="data"/>, saves model and decisions, records the run.</summary>
    public TrainingSummary Train(Dataset data)
    {
        var stopwatch = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        var configuration = Configuration;
        info($"Training configuration: {configuration.Source}; trainer {configuration.Trainer}, seed {configuration.Seed}.");
        var features = DatasetFeatures.From(data);
        var train = features.Train;
        ModelTrainer.RequireTrainable(train, configuration.CrossValidationFolds, configuration);
        features.RequireBothClassesInTestSplit();
        info($"Training on {train.Count} of {data.RowCount} rows ({train.PositiveCount} positive), {train.FeatureNames.Count} features: {string.Join(", ", train.FeatureNames)}.");

        var causes = features.CauseTargets(configuration);
        if (causes.Count > 0)
            info($"Cause models: {string.Join("; ", causes.Select(c => $"{c.Settings.Column} ({c.Settings.Trainer}, {(c.Settings.Features.Count == 0 ? "every feature" : string.Join(", ", c.Settings.Features))})"))}.");
        var model = ModelTrainer.Train(train, features.TrainingFolds(configuration.CrossValidationFolds, configuration.Seed), configuration, info, causes);
        Directory.CreateDirectory(Paths.TrainingDirectory);
        model.Save(Paths.ModelPath);
        File.WriteAllText(Paths.SplitPath, JsonSerializer.Serialize(new { train = features.TrainRows, test = features.TestRows }));

        var summary = new TrainingSummary
        {
            RunId = RunHistory.NewRunId(started),
            Dataset = data.Spec.Name,
            DataSource = data.SourceDescription,
            DataHash = data.ContentHash,
            DataRows = data.RowCount,
            ConfigHash = configuration.ContentHash,
            GitCommit = GitRevision.Describe(Paths.RootDirectory),
            Trainer = model.Trainer.ToString(),
            Parameters = model.Parameters,
            Causes = model.Causes.Count > 0 ? model.Causes : null,
            CauseGain = model.CauseGain,
            Threshold = model.Threshold,
            FeatureNames = model.FeatureNames,
            Folds = model.CrossValidation.Folds,
            CrossValidation = model.CrossValidation.Spread,
            Candidates = model.Candidates,
            ModelSha256 = ModelFileIntegrity.Sha256Of(Paths.ModelPath),
        };
        summary.Write(Paths.TrainingSummaryPath);
        Runs.Save(new RunRecord
        {
            RunId = summary.RunId,
            StartedUtc = started,
            DurationSeconds = Math.Round(stopwatch.Elapsed.TotalSeconds, 2),
            Dataset = summary.Dataset,
            DataSource = summary.DataSource,
            DataHash = summary.DataHash,
            ConfigHash = summary.ConfigHash,
            ConfigSource = configuration.Source,
            GitCommit = summary.GitCommit,
            Trainer = summary.Trainer,
            Parameters = summary.Parameters,
            Causes = summary.Causes,
            CandidatesTried = model.Candidates.Count,
            Threshold = summary.Threshold,
            CrossValidationMeans = model.CrossValidation.Spread.ToDictionary(s => s.Key, s => s.Value.Mean),
            Artifacts = new Dictionary<string, string> { ["model"] = Paths.ModelPath, ["training"] = Paths.TrainingSummaryPath },
        });
        info($"Run {summary.RunId}: model saved to {Paths.ModelPath} ({stopwatch.Elapsed.TotalSeconds:F1} s).");
        return summary;
    }

    /// <summary>
    /// Evaluates the trained model on the test split of <paramref name="data"/>, scores the production model on the
    /// same rows, writes metrics.json and report.html, and applies the metric gate.
    /// </summary>
    /// <param name="data">The same data Train used.</param>
    /// <param name="isEmbeddedDefault">True when the data is the embedded default (no --data), which selects the snapshot.</param>
    /// <param name="onMissingSnapshot">Overrides the configuration's <c>gate.onMissingSnapshot</c> (Retrain evaluates new data, which has no snapshot yet).</param>
    /// <exception cref="ModelingException">The gate failed (the old/new/delta table is logged first), or Train has not run on this data.</exception>
    public EvaluationResult Evaluate(Dataset data, bool isEmbeddedDefault, MissingSnapshotPolicy? onMissingSnapshot = null)
    {
        var summary = TrainingSummary.Read(Paths.TrainingSummaryPath);
        if (summary.DataHash != data.ContentHash || summary.Dataset != data.Spec.Name)
            throw new ModelingException($"The model in {Paths.TrainingDirectory} was trained on {summary.Dataset} data {SnapshotLocation.ShortHash(summary.DataHash)}, but this is {data.Spec.Name} data {SnapshotLocation.ShortHash(data.ContentHash)}; run the Train target on it first.");
        var (modelBytes, modelSha256) = ReadTrainedModel(summary);
        var features = DatasetFeatures.From(data);
        features.RequireBothClassesInTestSplit();
        var test = features.Test;
        if (!test.FeatureNames.SequenceEqual(summary.FeatureNames))
            throw new ModelingException($"The dataset spec now produces features [{string.Join(", ", test.FeatureNames)}] but the model was trained on [{string.Join(", ", summary.FeatureNames)}]; run the Train target again.");

        float[] probabilities;
        float[][] members;
        IReadOnlyList<string> memberNames;
        using (var predictor = FeaturePredictor.Load(modelBytes, Paths.ModelPath, test.FeatureNames.Count))
        {
            members = predictor.PredictMembers(test.Rows);
            memberNames = predictor.MemberNames;
            probabilities = ModelComposition.NoisyOr(members);
        }
        // Register copies the summary's causes into metadata.json, which the scoring service checks against the model file.
        var summaryCauses = (summary.Causes ?? []).Select(c => c.Column).ToArray();
        if (!memberNames.Skip(1).SequenceEqual(summaryCauses))
            throw new ModelingException(
                $"The trained model {Paths.ModelPath} holds the cause models [{string.Join(", ", memberNames.Skip(1))}], but Train's summary {Paths.TrainingSummaryPath} " +
                $"lists [{string.Join(", ", summaryCauses)}]; run the Train target again.");
        var metrics = BinaryMetrics.Compute(probabilities, test.Labels, summary.Threshold);
        var slices = SliceMetrics.Compute(features.CategoricalValues(features.TestRows), probabilities, test.Labels, summary.Threshold);
        var champion = ScoreChampion(features, metrics);
        var configuration = Configuration;
        var result = new EvaluationResult(summary.Dataset, summary.DataHash, summary.Trainer, metrics,
            new CrossValidationSpread(summary.Folds, summary.CrossValidation), slices, champion, probabilities, test.Labels)
        {
            Causes = summary.Causes is { Count: > 0 } causes
                ? CauseMetrics.Compute(features.CauseFlags(causes.Select(c => c.Column), features.TestRows),
                    memberNames.Select((name, m) => (name, m)).Skip(1).ToDictionary(x => x.name, x => members[x.m]), probabilities, test.Labels, summary.Threshold)
                : [],
        };

        var gatePolicy = onMissingSnapshot is { } policy ? configuration.Gate with { OnMissingSnapshot = policy } : configuration.Gate;
        var gate = MetricGate.Check(MetricSnapshot.Of(summary.Dataset, summary.DataHash, summary.Trainer, result.GatedMetrics),
            SnapshotLocation.For(Paths.ModelsDirectory, summary.DataHash, isEmbeddedDefault),
            gatePolicy);

        Directory.CreateDirectory(Paths.EvaluationDirectory);
        var json = result.ToJsonObject();
        json["runId"] = summary.RunId;
        json["dataRows"] = summary.DataRows;
        json["modelSha256"] = modelSha256;
        // Register refuses a run whose gate failed, even when Evaluate is skipped afterwards.
        json["gatePassed"] = gate.Passed;
        File.WriteAllText(Paths.MetricsPath, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.WriteAllText(Paths.ReportPath, EvaluationReport.ToHtml(result));
        info($"Held-out ({metrics.Rows} rows, {metrics.Positives} positive, threshold {metrics.Threshold:F4}): accuracy {metrics.Accuracy:F4}, precision {metrics.Precision:F4}, recall {metrics.Recall:F4}, F1 {metrics.F1:F4}, ROC AUC {metrics.RocAuc:F4}, PR AUC {metrics.PrAuc:F4}, log-loss {metrics.LogLoss:F4}.");
        foreach (var slice in slices)
            info($"  slice {slice.Column}={slice.Value}: {slice.Metrics.Rows} rows, F1 {slice.Metrics.F1:F4}, ROC AUC {slice.Metrics.RocAuc:F4}");
        foreach (var cause in result.Causes)
            info($"  cause {cause.Cause}: " + (cause.Occurrences == 0 ? "no held-out row has it" : $"{cause.Detected} of {cause.Occurrences} detected (recall {cause.Recall:F4})") +
                (double.IsNaN(cause.CauseModelRocAuc) ? "" : $", its model's ROC AUC on its flag {cause.CauseModelRocAuc:F4}"));
        info($"Wrote {Paths.MetricsPath} and {Paths.ReportPath}.");

        Runs.Update(summary.RunId, run => run with
        {
            TestMetrics = result.GatedMetrics,
            Artifacts = new Dictionary<string, string>(run.Artifacts) { ["metrics"] = Paths.MetricsPath, ["report"] = Paths.ReportPath },
        });

        var relativeVerified = Path.GetRelativePath(Paths.RootDirectory, gate.Location.VerifiedPath);
        info($"Metric gate against {relativeVerified}:{Environment.NewLine}{gate.Table}");
        if (gate.Passed && gate.Rows.Any(r => r.Verdict == MetricVerdict.Improved))
            info($"Some metrics improved beyond tolerance; run ./build.sh AcceptMetrics to record them in {relativeVerified}.");
        if (gate.SnapshotProblem is not null && gate.Passed) warn(gate.SnapshotProblem + " The gate passed on the absolute floors only (onMissingSnapshot = warn).");
        if (!gate.Passed)
        {
            var reasons = gate.Rows.Where(r => r.Fails).Select(r => r.Verdict == MetricVerdict.BelowFloor
                ? $"{r.Metric} {r.Received:F4} is past its floor {r.Floor:F4}"
                : $"{r.Metric} regressed by {Math.Abs(r.Delta ?? 0):F4} (tolerance {r.Tolerance:F4})").ToList();
            var missingSnapshotFails = gate.SnapshotProblem is not null && gatePolicy.OnMissingSnapshot == MissingSnapshotPolicy.Fail;
            if (missingSnapshotFails) reasons.Insert(0, gate.SnapshotProblem!.TrimEnd('.'));
            // The old/new/delta table is already in the log above; the message says why and what to do. A floor is not
            // moved by accepting new numbers, so when only floors fail the advice points at them.
            var onlyFloors = !missingSnapshotFails && gate.Rows.Where(r => r.Fails).All(r => r.Verdict == MetricVerdict.BelowFloor);
            throw new ModelingException(onlyFloors
                ? $"The metric gate failed: {string.Join("; ", reasons)} (gate.floors in {configuration.Source}); a model below its floors is not registered."
                : $"The metric gate failed: {string.Join("; ", reasons)}. If the new numbers are intended, review " +
                  $"{Path.GetRelativePath(Paths.RootDirectory, gate.Location.ReceivedPath)} and run ./build.sh AcceptMetrics to copy it over {relativeVerified}.");
        }
        return result;
    }

    ChampionComparison? ScoreChampion(DatasetFeatures features, BinaryMetrics challenger)
    {
        var registry = Registry;
        if (registry.Stages.Production is not { } version) { info("Champion vs challenger: no production model in the registry yet."); return null; }
        try
        {
            using var champion = ScoringModel.Load(registry.VersionDirectory(version));
            var records = features.TestRows.Select(features.Record).ToList();
            var scores = champion.ScoreBatch(records);
            var metrics = BinaryMetrics.Compute(scores.Select(s => (float)s.Probability).ToArray(), features.Test.Labels, champion.Threshold);
            var comparison = new ChampionComparison(version, metrics, challenger);
            info($"Champion (production v{version}): F1 {metrics.F1:F4}, ROC AUC {metrics.RocAuc:F4}; challenger: F1 {challenger.F1:F4}, ROC AUC {challenger.RocAuc:F4} → {(comparison.ChallengerWins ? "challenger wins" : "champion stays better")}.");
            return comparison;
        }
        catch (Exception e) when (e is ModelingException or Pipeline.Data.DataException or Pipeline.Data.Features.InputValidationException)
        {
            warn($"The production model v{version} could not be scored for champion vs challenger: {e.Message}");
            return null;
        }
    }

    /// <summary>Copies every received metric snapshot of the dataset over its verified snapshot.</summary>
    public IReadOnlyList<string> AcceptMetrics()
    {
        var accepted = MetricGate.Accept(Paths.ModelsDirectory);
        foreach (var path in accepted) info($"Accepted {Path.GetRelativePath(Paths.RootDirectory, path)}; commit it so the pull request shows the new numbers.");
        return accepted;
    }

    /// <summary>
    /// Registers the evaluated model as a new version with its spec, input schema and an input example; it becomes
    /// production when there is none or when it beat the champion in Evaluate, else staging.
    /// </summary>
    public ModelMetadata Register(Dataset data)
    {
        var summary = TrainingSummary.Read(Paths.TrainingSummaryPath);
        var metrics = ReadEvaluatedMetrics();
        if (Text(metrics["runId"]) != summary.RunId)
            throw new ModelingException($"{Paths.MetricsPath} evaluates run {Text(metrics["runId"]) ?? "(none)"}, not the trained run {summary.RunId}; run the Evaluate target first.");
        if (metrics["gatePassed"] is not JsonValue passed || !passed.TryGetValue<bool>(out var gatePassed) || !gatePassed)
            throw new ModelingException($"The metric gate did not pass for run {summary.RunId} ({Paths.MetricsPath}); a model that fails its gate is not registered. Fix the regression, or accept the new numbers with ./build.sh AcceptMetrics, then run the Evaluate target again. Nothing was registered.");
        var (_, modelSha256) = ReadTrainedModel(summary);
        if (Text(metrics["modelSha256"]) is { } evaluated && evaluated != modelSha256)
            throw new ModelingException($"{Paths.ModelPath} is not the model file {Paths.MetricsPath} evaluated (SHA-256 {modelSha256[..12]}…, evaluated {evaluated[..Math.Min(12, evaluated.Length)]}…); run the Evaluate target again. Nothing was registered.");
        var features = DatasetFeatures.From(data);
        var example = JsonSerializer.SerializeToElement(features.Record(features.TestRows[0]));
        var schema = JsonSerializer.Deserialize<JsonElement>(Pipeline.Data.Features.InputSchema.From(data.Spec).ToJson());

        var registry = Registry;
        var metadata = registry.Register(new ModelRegistration(Paths.ModelPath, new ModelMetadata
        {
            Dataset = summary.Dataset,
            DataHash = summary.DataHash,
            ConfigHash = summary.ConfigHash,
            GitCommit = summary.GitCommit,
            RunId = summary.RunId,
            Trainer = summary.Trainer,
            Parameters = summary.Parameters,
            Causes = summary.Causes,
            Threshold = summary.Threshold,
            Metrics = MetricNames.All.Where(n => metrics[n] is not null).ToDictionary(n => n, n => Number(metrics, n)),
            FeatureNames = summary.FeatureNames,
            InputSchema = schema,
            InputExample = example,
        }, new Dictionary<string, string>
        {
            ["spec.json"] = data.Spec.ToJson(),
            ["input-schema.json"] = schema.GetRawText(),
            ["input-example.json"] = JsonSerializer.Serialize(example, new JsonSerializerOptions { WriteIndented = true }),
        }));
        info($"Registered {summary.Dataset} version {metadata.Version} (SHA-256 {metadata.ModelSha256[..12]}…, parent {metadata.ParentVersion?.ToString() ?? "none"}) in {registry.VersionDirectory(metadata.Version)}.");

        // Evaluate's comparison counts only if it was against the version that is production now: production may have
        // been promoted, rolled back or first registered since, and a model never compared with it does not replace it.
        var production = registry.Stages.Production;
        var comparedWith = metrics["champion"] is JsonObject compared && compared["version"] is JsonValue v && v.TryGetValue<int>(out var number) ? number : (int?)null;
        var championBeaten = comparedWith == production && metrics["champion"] is JsonObject champion
            && champion["challengerWins"] is JsonValue wins && wins.TryGetValue<bool>(out var won) && won;
        var stage = production is null || championBeaten ? ModelStage.Production : ModelStage.Staging;
        registry.Promote(metadata.Version, stage);
        info(stage == ModelStage.Production
            ? $"Version {metadata.Version} is now production."
            : comparedWith == production
                ? $"Version {metadata.Version} is staging: it did not beat production v{production} (promote it with ./build.sh Promote --model-version {metadata.Version} --stage production)."
                : $"Version {metadata.Version} is staging: {(comparedWith is { } c ? $"Evaluate compared it with v{c}, but production is now v{production}" : $"Evaluate did not compare it with production v{production}")} (run the Evaluate target again to compare them, or promote it with ./build.sh Promote --model-version {metadata.Version} --stage production).");
        Runs.Update(summary.RunId, run => run with { Artifacts = new Dictionary<string, string>(run.Artifacts) { ["registeredVersion"] = registry.VersionDirectory(metadata.Version) } });
        return metadata;
    }

    // Register trusts only a metrics.json whose shape Evaluate writes; anything else is a damaged file, said so plainly.
    JsonObject ReadEvaluatedMetrics()
    {
        if (!File.Exists(Paths.MetricsPath)) throw new ModelingException($"{Paths.MetricsPath} does not exist; run the Evaluate target first.");
        try
        {
            return JsonNode.Parse(File.ReadAllText(Paths.MetricsPath)) as JsonObject
                ?? throw new ModelingException($"Evaluate's metrics {Paths.MetricsPath} is not a JSON object; run the Evaluate target again. Nothing was registered.");
        }
        catch (JsonException e)
        {
            throw new ModelingException($"Evaluate's metrics {Paths.MetricsPath} is not valid JSON {Pipeline.Data.JsonProblem.Describe(e)}; run the Evaluate target again. Nothing was registered.", e);
        }
    }

    static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    double Number(JsonObject metrics, string name) =>
        metrics[name] is JsonValue value && value.TryGetValue<double>(out var number)
            ? number
            : throw new ModelingException($"Evaluate's metrics {Paths.MetricsPath}: '{name}' is {metrics[name]?.ToJsonString()}, but must be a number; run the Evaluate target again. Nothing was registered.");

    // The model Evaluate and Register use must be the very file Train wrote: a model.zip truncated or replaced since
    // would otherwise be scored, or registered and promoted, under Train's run id and metrics. The file is read once,
    // so the bytes Evaluate scores are the bytes whose hash was checked.
    (byte[] Bytes, string Sha256) ReadTrainedModel(TrainingSummary summary)
    {
        if (!File.Exists(Paths.ModelPath))
            throw new ModelingException($"The trained model {Paths.ModelPath} does not exist; run the Train target first.");
        var bytes = File.ReadAllBytes(Paths.ModelPath);
        var actual = ModelFileIntegrity.Sha256Of(bytes);
        if (summary.ModelSha256.Length > 0 && !string.Equals(actual, summary.ModelSha256, StringComparison.OrdinalIgnoreCase))
            throw new ModelingException(
                $"The trained model {Paths.ModelPath} ({bytes.Length} bytes, SHA-256 {actual[..12]}…) is not the file Train wrote " +
                $"in run {summary.RunId} (SHA-256 {summary.ModelSha256[..Math.Min(12, summary.ModelSha256.Length)]}…): it was truncated or modified since; run the Train target again.");
        return (bytes, actual);
    }

    /// <summary>Gives a registered version a stage; production and staging only to a version the scoring service can load.</summary>
    /// <exception cref="ModelingException">The version is not registered, or (for production and staging) cannot be loaded.</exception>
    public StageAssignments Promote(int version, ModelStage stage)
    {
        var registry = Registry;
        if (stage != ModelStage.Archived && Directory.Exists(registry.VersionDirectory(version)))
            RequireLoadable(registry, version, $"Version {version} cannot be given the stage {stage.ToString().ToLowerInvariant()}");
        var stages = registry.Promote(version, stage);
        info($"Version {version} is now {stage.ToString().ToLowerInvariant()}; production: {stages.Production?.ToString() ?? "none"}, staging: {stages.Staging?.ToString() ?? "none"}.");
        return stages;
    }

    /// <summary>Restores the previous production version.</summary>
    /// <exception cref="ModelingException">There is no earlier production version, or it cannot be loaded.</exception>
    public int Rollback()
    {
        var registry = Registry;
        registry.Stages.RolledBack(registry.Directory, out var target);
        RequireLoadable(registry, target, $"Cannot roll back to version {target}");
        var restored = registry.Rollback();
        info($"Rolled back: version {restored} is production again.");
        return restored;
    }

    // The registry checks the model file's size and SHA-256; a file that matches them can still be unloadable (a
    // composite with a member or combination rule this version cannot read), so the version is loaded as the scoring
    // service would load it before it is put in front of traffic.
    static void RequireLoadable(ModelRegistry registry, int version, string refused)
    {
        try
        {
            using var _ = ScoringModel.Load(registry.VersionDirectory(version));
        }
        catch (ModelingException e)
        {
            throw new ModelingException($"{refused}: {e.Message.TrimEnd('.')}. The stages were not changed.", e);
        }
    }
}
