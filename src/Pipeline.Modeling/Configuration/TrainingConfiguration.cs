using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Pipeline.Modeling.Configuration;

/// <summary>
/// Everything that decides how a model is trained and gated: trainer, hyperparameters, the candidates of the
/// hyperparameter search, the cause models, cross-validation folds, the seed, and the metric gate's rules.
/// Loaded from <c>models/&lt;dataset&gt;/training.json</c> by <see cref="TrainingConfigurationLoader"/>.
/// </summary>
public sealed record TrainingConfiguration
{
    /// <summary>Seed of ML.NET's <c>MLContext</c> and of the cross-validation folds.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>The trainer.</summary>
    public TrainerKind Trainer { get; init; } = TrainerKind.LightGbm;

    /// <summary>Every hyperparameter of <see cref="Trainer"/>, defaults filled in, sorted by name.</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; init; } = TrainerCatalog.DefaultsOf(TrainerKind.LightGbm);

    /// <summary>
    /// Hyperparameter candidates tried by cross-validation, each a full parameter set (base parameters with the
    /// candidate's overrides). Empty: <see cref="Parameters"/> is used as is.
    /// </summary>
    public IReadOnlyList<IReadOnlyDictionary<string, double>> SearchCandidates { get; init; } = [];

    /// <summary>
    /// <c>"search": "auto"</c>: the candidates are <see cref="AutomaticSearch.For"/> the training split's row count
    /// (several trainers), and <see cref="Trainer"/> and <see cref="Parameters"/> apply only to the cause models.
    /// </summary>
    public bool SearchIsAutomatic { get; init; }

    /// <summary>
    /// What a configuration file that does not exist means: the automatic search (<see cref="AutomaticSearch"/>),
    /// 5 folds, seed 42, the default gate.
    /// </summary>
    public static TrainingConfiguration BuiltInDefaults { get; } = new() { SearchIsAutomatic = true };

    /// <summary>The candidates cross-validation chooses among for a training split of <paramref name="trainingRows"/> rows.</summary>
    public IReadOnlyList<SearchCandidate> CandidatesFor(int trainingRows) =>
        SearchIsAutomatic ? AutomaticSearch.For(trainingRows)
        : SearchCandidates.Count > 0 ? SearchCandidates.Select(c => new SearchCandidate(Trainer, c)).ToList()
        : [new SearchCandidate(Trainer, Parameters)];

    /// <summary>How the search is described in logs: the trainer, or the automatic search.</summary>
    public string TrainerDescription => SearchIsAutomatic ? "chosen by the automatic search (models/README.md)" : Trainer.ToString();

    /// <summary>
    /// Models of the label's causes, combined with the whole-label model by noisy-OR. Empty: the whole-label model
    /// alone.
    /// </summary>
    public IReadOnlyList<CauseModelSettings> Causes { get; init; } = [];

    /// <summary>Folds of the stratified k-fold cross-validation that picks the candidate and the threshold.</summary>
    public int CrossValidationFolds { get; init; } = 5;

    /// <summary>The metric gate's rules.</summary>
    public GateSettings Gate { get; init; } = GateSettings.Default;

    /// <summary>The promotion rule's settings (not part of <see cref="ContentHash"/>: they do not change the model).</summary>
    public PromotionSettings Promotion { get; init; } = PromotionSettings.Default;

    /// <summary>How Retrain retrains (not part of <see cref="ContentHash"/>: it chooses the data, which has its own hash).</summary>
    public RetrainPolicy Retrain { get; init; } = RetrainPolicy.Default;

    /// <summary>Where the configuration was read from, for messages; "built-in defaults" when no file exists.</summary>
    public string Source { get; init; } = "built-in defaults";

    /// <summary>
    /// SHA-256 (hex) of the settings that influence the trained model (not the gate's rules), in a canonical form,
    /// so that equal settings give equal hashes whatever the file's formatting.
    /// </summary>
    public string ContentHash
    {
        get
        {
            var canonical = JsonSerializer.Serialize(new
            {
                seed = Seed,
                trainer = Trainer.ToString(),
                parameters = new SortedDictionary<string, double>(Parameters.ToDictionary(), StringComparer.Ordinal),
                // "auto" stands for the code's candidate set (the code is an input of Train of its own).
                search = SearchIsAutomatic ? "auto" : (object)SearchCandidates.Select(c => new SortedDictionary<string, double>(c.ToDictionary(), StringComparer.Ordinal)),
                folds = CrossValidationFolds,
                causes = Causes.Select(c => new
                {
                    column = c.Column,
                    features = c.Features,
                    trainer = c.Trainer.ToString(),
                    parameters = new SortedDictionary<string, double>(c.Parameters.ToDictionary(), StringComparer.Ordinal),
                }),
            });
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        }
    }
}
