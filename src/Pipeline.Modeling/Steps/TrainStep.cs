using System.Diagnostics;
using System.Text.Json;
using Pipeline.Data.Loading;
using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Features;
using Pipeline.Modeling.Provenance;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Runs;
using Pipeline.Modeling.Training;

namespace Pipeline.Modeling.Steps;

/// <summary>
/// Train: the hyperparameter search by stratified k-fold CV on the training split, the cause models, the threshold
/// by maximum out-of-fold F1; writes model.zip, training.json and split.json and records the run. Each of
/// <paramref name="attachments"/> writes its file beside the model (e.g. the drift reference), which Register then
/// stores in the version as it is.
/// </summary>
public sealed class TrainStep(Workspace workspace, StepLog log, IReadOnlyList<IVersionAttachment>? attachments = null)
{
    /// <summary>Trains on the training split of <paramref name="data"/>, saves model and decisions, records the run.</summary>
    public TrainingSummary Run(Dataset data)
    {
        var stopwatch = Stopwatch.StartNew();
        var started = DateTimeOffset.UtcNow;
        var configuration = TrainingConfigurationLoader.LoadOrDefault(workspace.ConfigurationPath);
        log.Info($"Training configuration: {configuration.Source}; trainer {configuration.TrainerDescription}, seed {configuration.Seed}.");
        var features = DatasetFeatures.From(data);
        var train = features.Train;
        ModelTrainer.RequireTrainable(train, configuration.CrossValidationFolds, configuration);
        features.RequireBothClassesInTestSplit();
        log.Info($"Training on {train.Count} of {data.RowCount} rows ({train.PositiveCount} positive), {train.FeatureNames.Count} features: {string.Join(", ", train.FeatureNames)}.");

        var causes = features.CauseTargets(configuration);
        if (causes.Count > 0)
            log.Info($"Cause models: {string.Join("; ", causes.Select(c => $"{c.Settings.Column} ({c.Settings.Trainer}, {(c.Settings.Features.Count == 0 ? "every feature" : string.Join(", ", c.Settings.Features))})"))}.");
        var model = ModelTrainer.Train(train, features.TrainingFolds(configuration.CrossValidationFolds, configuration.Seed), configuration, log.Info, causes);
        Directory.CreateDirectory(workspace.TrainingDirectory);
        model.Save(workspace.ModelPath);
        File.WriteAllText(workspace.SplitPath, JsonSerializer.Serialize(new { train = features.TrainRows, test = features.TestRows }));
        WriteAttachments(data, model.Threshold);

        var summary = Summary(data, configuration, model, RunHistory.NewRunId(started));
        summary.Write(workspace.TrainingSummaryPath);
        new RunHistory(workspace.RunsDirectory).Save(RunRecordOf(summary, configuration, model, started, stopwatch.Elapsed));
        log.Info($"Run {summary.Lineage.RunId}: model saved to {workspace.ModelPath} ({stopwatch.Elapsed.TotalSeconds:F1} s).");
        return summary;
    }

    // Written after model.zip, so a file newer than the model is this run's (RegisterStep relies on it).
    void WriteAttachments(Dataset data, double threshold)
    {
        if (attachments is not { Count: > 0 }) return;
        var vectorizer = new Pipeline.Data.Features.FeatureVectorizer(data.Spec);
        using var predictor = Scoring.FeaturePredictor.Load(workspace.ModelPath, vectorizer.Width);
        foreach (var attachment in attachments)
        {
            var path = Path.Combine(workspace.TrainingDirectory, attachment.FileName);
            File.WriteAllText(path, attachment.Create(data, threshold, sample => Scoring.ScoringModel.Probabilities(vectorizer, predictor, sample)));
            log.Info($"{attachment.FileName} written beside the model ({new FileInfo(path).Length / 1024.0:N0} KiB).");
        }
    }

    TrainingSummary Summary(Dataset data, TrainingConfiguration configuration, TrainedModel model, string runId) => new()
    {
        Lineage = new Lineage
        {
            RunId = runId,
            Dataset = data.Spec.Name,
            DataSource = data.SourceDescription,
            DataHash = data.ContentHash,
            DataRows = data.RowCount,
            ConfigHash = configuration.ContentHash,
            GitCommit = GitRevision.Describe(workspace.RootDirectory),
            Trainer = model.Trainer.ToString(),
            Parameters = model.Parameters,
            Causes = model.Causes.Count > 0 ? model.Causes : null,
            Threshold = model.Threshold,
        },
        CauseGain = model.CauseGain,
        FeatureNames = model.FeatureNames,
        Folds = model.CrossValidation.Folds,
        CrossValidation = model.CrossValidation.Spread,
        Candidates = model.Candidates,
        ModelSha256 = ModelFileIntegrity.Sha256Of(workspace.ModelPath),
    };

    RunRecord RunRecordOf(TrainingSummary summary, TrainingConfiguration configuration, TrainedModel model, DateTimeOffset started, TimeSpan duration) => new()
    {
        Lineage = summary.Lineage,
        StartedUtc = started,
        DurationSeconds = Math.Round(duration.TotalSeconds, 2),
        ConfigSource = configuration.Source,
        CandidatesTried = model.Candidates.Count,
        CrossValidationMeans = model.CrossValidation.Spread.ToDictionary(s => s.Key, s => s.Value.Mean),
        Artifacts = new Dictionary<string, string> { ["model"] = workspace.ModelPath, ["training"] = workspace.TrainingSummaryPath },
    };

    /// <summary>What Train writes and Evaluate and Register read: model.zip, training.json, split.json.</summary>
    public static IEnumerable<string> Outputs(Workspace workspace) =>
        [workspace.ModelPath, workspace.TrainingSummaryPath, workspace.SplitPath];

    /// <summary>
    /// The files Train's result depends on besides the data: training.json and the code that trains (our data and
    /// modeling libraries and ML.NET, as loaded by the calling process), so that a code or package change re-runs it.
    /// </summary>
    public static IEnumerable<string> Inputs(Workspace workspace) => CodeFiles().Prepend(workspace.ConfigurationPath);

    /// <summary>The assemblies that train and evaluate: Pipeline.Data, Pipeline.Modeling and ML.NET's beside the running program.</summary>
    public static IEnumerable<string> CodeFiles() =>
        new[] { typeof(Pipeline.Data.Specs.DatasetSpec), typeof(TrainStep) }.Select(t => t.Assembly.Location)
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "Microsoft.ML*.dll").Order(StringComparer.Ordinal));
}
