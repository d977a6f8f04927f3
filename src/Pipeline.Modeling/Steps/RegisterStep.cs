using System.Text.Json;
using Pipeline.Data.Loading;
using Pipeline.Modeling.Cards;
using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Features;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Runs;
using Pipeline.Modeling.Training;

namespace Pipeline.Modeling.Steps;

/// <summary>
/// Register: the evaluated model becomes a registry version with its spec, input schema and an input example, once
/// per model (the same model bytes trained on the same data and configuration map to the existing version). A new
/// version is production when there is no production yet, or when Evaluate's promotion rule promoted it over the
/// version that is still production; else staging, and the log says why (with the rule's interval).
/// Each of <paramref name="attachments"/> adds a file to a new version.
/// </summary>
public sealed class RegisterStep(Workspace workspace, StepLog log, IReadOnlyList<IVersionAttachment>? attachments = null)
{
    /// <summary>Registers the evaluated model (or finds its existing version) and gives a new version its stage.</summary>
    /// <exception cref="ModelingException">metrics.json does not evaluate this trained model, or its gate failed.</exception>
    public ModelMetadata Run(Dataset data) => Register(data).Metadata;

    /// <summary>As <see cref="Run"/>, with what the registration did (new, already registered, finished) and its races.</summary>
    /// <param name="data">The data Train and Evaluate used.</param>
    /// <param name="promotion">
    /// The promotion rule's verdict to decide the stage with instead of Evaluate's (Retrain decides on recent rows held
    /// out from training); null: Evaluate's.
    /// </param>
    /// <exception cref="ModelingException">metrics.json does not evaluate this trained model, or its gate failed.</exception>
    public RegistrationResult Register(Dataset data, PromotionRecord? promotion = null)
    {
        var summary = TrainingSummary.Read(workspace.TrainingSummaryPath);
        var evaluation = RequireEvaluationOf(summary);
        if (promotion is not null) evaluation = evaluation with { Promotion = promotion };
        var features = DatasetFeatures.From(data);
        var example = JsonSerializer.SerializeToElement(features.Record(features.TestRows[0]));
        var schema = JsonSerializer.Deserialize<JsonElement>(Pipeline.Data.Features.InputSchema.From(data.Spec).ToJson());

        var registry = workspace.OpenRegistry();
        StageDecision? chosen = null;
        var result = registry.Register(new RegistrationRequest(new ModelRegistration(workspace.ModelPath, new ModelMetadata
        {
            Lineage = summary.Lineage,
            Metrics = evaluation.Metrics,
            FeatureNames = summary.FeatureNames,
            InputSchema = schema,
            InputExample = example,
        }, new Dictionary<string, string>
        {
            [RegistryLayout.SpecFile] = data.Spec.ToJson(),
            [RegistryLayout.InputSchemaFile] = schema.GetRawText(),
            [RegistryLayout.InputExampleFile] = JsonSerializer.Serialize(example, new JsonSerializerOptions { WriteIndented = true }),
            [RegistryLayout.TreeCoversFile] = Scoring.TreeCoverCounter.Count(workspace.ModelPath, features.Train).ToJson(),
        }.Concat(Attachments(data, summary)).ToDictionary())
        {
            SealedFiles = sealedMetadata => ModelCard.SealedFiles(sealedMetadata, data.Spec, ModelCardFacts.Of(summary, evaluation, data.Spec.Description ?? "")),
        })
        {
            DataSource = summary.Lineage.DataSource,
            ChooseStage = stages => chosen = ChooseStage(stages, evaluation),
        });
        var metadata = result.Metadata;
        log.Info($"{summary.Lineage.Dataset}: {result.Message}");
        if (result.Outcome != RegistrationOutcome.AlreadyRegistered)
            log.Info($"Version {metadata.Version}: SHA-256 {metadata.ModelSha256[..12]}…, parent {metadata.Lineage.ParentVersion?.ToString() ?? "none"}, in {registry.LocalVersionDirectory(metadata.Version)}.");
        if (chosen is not null) log.Info(StageSentence(metadata.Version, chosen));
        foreach (var race in result.Races) log.Warn(race.Message);
        new ModelCardStep(workspace, log).Render(registry, metadata.Version);
        new RunHistory(workspace.RunsDirectory).Update(summary.Lineage.RunId, run => run with { Artifacts = new Dictionary<string, string>(run.Artifacts) { ["registeredVersion"] = registry.LocalVersionDirectory(metadata.Version) } });
        return result;
    }

    /// <summary>
    /// The stage of a new version, decided under the registry lock from the stages at that moment: production when
    /// there is none, or when Evaluate's promotion rule promoted the model over the version that is production now
    /// (production may have been promoted, rolled back or first registered since, and a model never compared with it
    /// does not replace it); else staging, with the reason.
    /// </summary>
    public static StageDecision ChooseStage(StageAssignments stages, EvaluationRecord evaluation)
    {
        var production = stages.Production;
        var decision = evaluation.Promotion;
        if (production is null)
            return new StageDecision(ModelStage.Production, "there was no production version yet");
        if (decision is not null && decision.ChampionVersion == production)
            return decision.Promote
                ? new StageDecision(ModelStage.Production, $"against production v{decision.ChampionVersion}, {decision.Sentence}")
                : new StageDecision(ModelStage.Staging, $"it did not clear the promotion rule against production v{decision.ChampionVersion}: {decision.Sentence}");
        var compared = decision?.ChampionVersion ?? evaluation.Champion?.Version;
        return new StageDecision(ModelStage.Staging, compared is { } c
            ? $"Evaluate compared it with v{c}, but production is now v{production}; run the Evaluate target again to compare them"
            : $"Evaluate did not compare it with production v{production}; run the Evaluate target again to compare them");
    }

    IEnumerable<KeyValuePair<string, string>> Attachments(Dataset data, TrainingSummary summary)
    {
        if (attachments is not { Count: > 0 }) yield break;
        var vectorizer = new Pipeline.Data.Features.FeatureVectorizer(data.Spec);
        using var predictor = Scoring.FeaturePredictor.Load(workspace.ModelPath, vectorizer.Width);
        foreach (var attachment in attachments)
        {
            // Train wrote it for this model when it is newer than the model file; else (an older Train) it is computed here.
            var trained = Path.Combine(workspace.TrainingDirectory, attachment.FileName);
            yield return new(attachment.FileName, File.Exists(trained) && File.GetLastWriteTimeUtc(trained) >= File.GetLastWriteTimeUtc(workspace.ModelPath)
                ? File.ReadAllText(trained)
                : attachment.Create(data, summary.Lineage.Threshold, sample => Scoring.ScoringModel.Probabilities(vectorizer, predictor, sample)));
        }
    }

    static string StageSentence(int version, StageDecision decision) => decision.Stage == ModelStage.Production
        ? $"Version {version} is now production: {decision.Reason}."
        : $"Version {version} is staging: {decision.Reason.TrimEnd('.')}. Promote it by hand with ./build.sh Promote --model-version {version} --stage production.";

    // Register trusts only an evaluation of exactly the trained run and model file, whose gate passed.
    EvaluationRecord RequireEvaluationOf(TrainingSummary summary)
    {
        var metricsPath = workspace.MetricsPath;
        var evaluation = EvaluationRecord.Read(metricsPath);
        if (evaluation.RunId != summary.Lineage.RunId)
            throw new ModelingException($"{metricsPath} evaluates run {evaluation.RunId ?? "(none)"}, not the trained run {summary.Lineage.RunId}; run the Evaluate target first.");
        if (!evaluation.GatePassed)
            throw new ModelingException($"The metric gate did not pass for run {summary.Lineage.RunId} ({metricsPath}); a model that fails its gate is not registered. Fix the regression, or accept the new numbers with ./build.sh AcceptMetrics, then run the Evaluate target again. Nothing was registered.");
        var (_, modelSha256) = TrainedModelFile.Read(workspace, summary);
        if (evaluation.ModelSha256 is { } evaluated && evaluated != modelSha256)
            throw new ModelingException($"{workspace.ModelPath} is not the model file {metricsPath} evaluated (SHA-256 {modelSha256[..12]}…, evaluated {evaluated[..Math.Min(12, evaluated.Length)]}…); run the Evaluate target again. Nothing was registered.");
        return evaluation;
    }

    /// <summary>What Register depends on: the trained run's summary and model.</summary>
    public static IEnumerable<string> Inputs(Workspace workspace) => [workspace.TrainingSummaryPath, workspace.ModelPath];

    /// <summary>Register's output: the registry version made from the trained run; none until it is registered, so a run is registered once.</summary>
    public static IEnumerable<string> Outputs(Workspace workspace) =>
        RegisteredVersionOfTrainedRun(workspace) is { } directory ? [directory] : [];

    /// <summary>
    /// The folder of the newest registry version made from the trained run (by its run id), or holding the same model
    /// (model SHA-256, data hash and configuration hash: a re-run that produced identical bytes maps to it), or null.
    /// </summary>
    public static string? RegisteredVersionOfTrainedRun(Workspace workspace)
    {
        if (!File.Exists(workspace.TrainingSummaryPath)) return null;
        var summary = TrainingSummary.Read(workspace.TrainingSummaryPath);
        var registry = workspace.OpenRegistry();
        foreach (var version in registry.Versions.Reverse())
        {
            var metadata = registry.Metadata(version);
            if (metadata.Lineage.RunId == summary.Lineage.RunId ||
                metadata.ModelSha256 == summary.ModelSha256 && metadata.Lineage.DataHash == summary.Lineage.DataHash && metadata.Lineage.ConfigHash == summary.Lineage.ConfigHash)
                return registry.LocalVersionDirectory(version);
        }
        return null;
    }
}
