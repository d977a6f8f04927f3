using Microsoft.ML;
using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Evaluation;

namespace Pipeline.Modeling.Training;

/// <summary>
/// Trains a binary classifier: picks hyperparameters among the configured candidates by stratified k-fold
/// cross-validation, chooses the decision threshold that maximises F1 on the out-of-fold predictions (never on
/// the test split), then trains the final model on the whole training split.
/// </summary>
public static class ModelTrainer
{
    /// <summary>Trains on <paramref name="train"/>.</summary>
    /// <param name="train">The training split.</param>
    /// <param name="validationFolds">Row indices (into <paramref name="train"/>) held out by each cross-validation fold.</param>
    /// <param name="configuration">Trainer, parameters, search candidates and seed.</param>
    /// <param name="log">Receives one line per finished step, for progress.</param>
    /// <param name="causes">
    /// The cause models' targets on <paramref name="train"/> (see <see cref="Features.DatasetFeatures.CauseTargets"/>);
    /// each is cross-validated on the same folds and combined with the whole-label model by noisy-OR before the
    /// threshold and the cross-validation summary are computed.
    /// </param>
    public static TrainedModel Train(FeatureMatrix train, IReadOnlyList<IReadOnlyList<int>> validationFolds,
        TrainingConfiguration configuration, Action<string>? log = null, IReadOnlyList<CauseTarget>? causes = null)
    {
        causes ??= [];
        RequireTrainable(train, validationFolds.Count, configuration);
        var candidates = configuration.CandidatesFor(train.Count);
        var folds = validationFolds.Select(f => f.ToArray()).ToArray();
        var foldTrainRows = folds.Select(held => Complement(held, train.Count)).ToArray();

        // Every (candidate, fold) model is independent and seeded. Managed trainers run side by side; native LightGBM
        // runs one at a time, because concurrent boosters in one process share OpenMP state and can crash it
        // (dotnet/machinelearning#4918, LightGBM#2820).
        var outOfFold = candidates.Select(_ => new float[train.Count]).ToArray();
        var jobs = (from c in Enumerable.Range(0, candidates.Count) from f in Enumerable.Range(0, folds.Length) select (c, f)).ToArray();
        Parallel.ForEach(jobs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, job =>
        {
            var ml = new MLContext(configuration.Seed);
            var model = Fit(ml, train.Subset(foldTrainRows[job.f]), candidates[job.c].Trainer, candidates[job.c].Parameters, configuration.Seed);
            var held = folds[job.f];
            var probabilities = PredictWith(ml, model, train.Subset(held));
            for (var i = 0; i < held.Length; i++) outOfFold[job.c][held[i]] = probabilities[i];
        });

        var results = candidates.Select((candidate, c) => new CandidateResult(candidate.Parameters,
            RankingCurves.AveragePrecision(outOfFold[c], train.Labels),
            RankingCurves.BestF1Threshold(outOfFold[c], train.Labels).F1) { Trainer = candidate.Trainer, Name = candidate.Name }).ToArray();
        var best = Enumerable.Range(0, results.Length).MaxBy(c => (results[c].PrAuc, results[c].BestF1));
        if (candidates.Count > 1)
        {
            if (configuration.SearchIsAutomatic)
                log?.Invoke($"Automatic search over {train.Count} training rows, out-of-fold PR AUC: {string.Join(", ", results.Select(r => $"{r.Name} {r.PrAuc:F4}"))}.");
            log?.Invoke($"Hyperparameter search: {candidates.Count} candidates × {folds.Length} folds; best out-of-fold PR AUC {results[best].PrAuc:F4} with {candidates[best].Trainer} {Describe(candidates[best].Parameters)}.");
        }

        // Cause models are cross-validated on the same folds, so the combined out-of-fold probabilities are honest too.
        var causeOutOfFold = causes.Select(cause => CrossValidateCause(train, cause, folds, foldTrainRows, configuration.Seed)).ToList();
        var combined = ModelComposition.NoisyOr([outOfFold[best], .. causeOutOfFold]);
        CauseModelGain? gain = null;
        if (causes.Count > 0)
        {
            gain = new CauseModelGain(RankingCurves.RocAuc(outOfFold[best], train.Labels), RankingCurves.AveragePrecision(outOfFold[best], train.Labels),
                RankingCurves.RocAuc(combined, train.Labels), RankingCurves.AveragePrecision(combined, train.Labels));
            log?.Invoke($"Cause models ({string.Join(", ", causes.Select(c => c.Settings.Column))}) combined by noisy-OR: out-of-fold ROC AUC {gain.WholeLabelRocAuc:F4} → {gain.CombinedRocAuc:F4}, PR AUC {gain.WholeLabelPrAuc:F4} → {gain.CombinedPrAuc:F4}.");
        }

        var (threshold, _) = RankingCurves.BestF1Threshold(combined, train.Labels);
        var perFold = folds.Select(held => BinaryMetrics.Compute(
            held.Select(i => combined[i]).ToArray(), held.Select(i => train.Labels[i]).ToArray(), threshold)).ToArray();
        var summary = CrossValidationSummary.From(perFold, BinaryMetrics.Compute(combined, train.Labels, threshold));
        log?.Invoke($"Cross-validation ({folds.Length} folds): F1 {summary.Spread[MetricNames.F1].Mean:F4} ± {summary.Spread[MetricNames.F1].StandardDeviation:F4}, ROC AUC {summary.Spread[MetricNames.RocAuc].Mean:F4} ± {summary.Spread[MetricNames.RocAuc].StandardDeviation:F4}; threshold {threshold:F4} (max out-of-fold F1).");

        var finalContext = new MLContext(configuration.Seed);
        var final = Fit(finalContext, train, candidates[best].Trainer, candidates[best].Parameters, configuration.Seed);
        var everyRow = Enumerable.Range(0, train.Count).ToArray();
        var members = new List<(string, ITransformer)> { ("label", final) };
        foreach (var cause in causes)
            members.Add((cause.Settings.Column, Fit(finalContext, cause.TrainingMatrix(train, everyRow), cause.Settings.Trainer, cause.Settings.Parameters, configuration.Seed)));
        return new TrainedModel(finalContext, members, train.FeatureNames, threshold, candidates[best].Trainer, candidates[best].Parameters, summary, results,
            causes.Select(c => c.Settings).ToList(), gain, combined);
    }

    static float[] CrossValidateCause(FeatureMatrix train, CauseTarget cause, int[][] folds, int[][] foldTrainRows, int seed)
    {
        var outOfFold = new float[train.Count];
        for (var f = 0; f < folds.Length; f++)
        {
            var ml = new MLContext(seed);
            var model = Fit(ml, cause.TrainingMatrix(train, foldTrainRows[f]), cause.Settings.Trainer, cause.Settings.Parameters, seed);
            // Scored on full vectors: the model never split on the slots it was not given.
            var probabilities = PredictWith(ml, model, train.Subset(folds[f]));
            for (var i = 0; i < folds[f].Length; i++) outOfFold[folds[f][i]] = probabilities[i];
        }
        return outOfFold;
    }

    /// <summary>
    /// Throws unless <paramref name="train"/> can be learned with <paramref name="folds"/>-fold cross-validation: both
    /// classes present, and at least one row of each class per fold.
    /// </summary>
    /// <exception cref="ModelingException">One class only, or fewer rows of the rarer class than folds.</exception>
    public static void RequireTrainable(FeatureMatrix train, int folds, TrainingConfiguration configuration)
    {
        if (train.PositiveCount == 0 || train.PositiveCount == train.Count)
            throw new ModelingException($"The training split has {train.PositiveCount} positive rows out of {train.Count}; a binary classifier needs both classes (one class cannot be learned).");
        // Stratified folds deal each class round-robin, so every fold holds both classes exactly when each class has at
        // least one row per fold; a fold without a positive has no ROC AUC, PR AUC or F1 and would poison the search.
        var rarer = Math.Min(train.PositiveCount, train.Count - train.PositiveCount);
        if (folds > rarer)
            throw new ModelingException(
                $"The training split has {train.PositiveCount} positive and {train.Count - train.PositiveCount} negative rows, too few for {folds}-fold " +
                $"cross-validation, which needs at least one row of each class in every fold. Use more data, or set crossValidationFolds " +
                $"(at least 2, at most {rarer}) in the training configuration {configuration.Source}.");
    }

    // Held while native LightGBM trains, so that no two boosters ever run at once in this process (see Train).
    static readonly Lock NativeLightGbm = new();

    internal static ITransformer Fit(MLContext ml, FeatureMatrix data, TrainerKind trainer, IReadOnlyDictionary<string, double> parameters, int seed)
    {
        var estimator = TrainerFactory.Create(ml, trainer, parameters, seed);
        var view = FeatureRow.ToDataView(ml, data);
        if (trainer != TrainerKind.LightGbm) return estimator.Fit(view);
        lock (NativeLightGbm) return estimator.Fit(view);
    }

    internal static float[] PredictWith(MLContext ml, ITransformer model, FeatureMatrix data)
    {
        var scored = model.Transform(FeatureRow.ToDataView(ml, data));
        return ml.Data.CreateEnumerable<ProbabilityRow>(scored, reuseRowObject: true).Select(r => r.Probability).ToArray();
    }

    internal static string Describe(IReadOnlyDictionary<string, double> parameters) =>
        string.Join(", ", parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={TrainerParameter.Format(p.Value)}"));

    static int[] Complement(int[] held, int count)
    {
        var isHeld = new bool[count];
        foreach (var i in held) isHeld[i] = true;
        return Enumerable.Range(0, count).Where(i => !isHeld[i]).ToArray();
    }
}
