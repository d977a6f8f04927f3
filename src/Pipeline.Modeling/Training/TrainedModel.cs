using Microsoft.ML;
using Pipeline.Modeling.Configuration;

namespace Pipeline.Modeling.Training;

/// <summary>
/// A trained model with the decisions made while training it (threshold, hyperparameters, cross-validation): the
/// whole-label model, and a model per configured cause combined with it by noisy-OR.
/// </summary>
public sealed class TrainedModel
{
    internal TrainedModel(MLContext context, IReadOnlyList<(string Name, ITransformer Transformer)> members, IReadOnlyList<string> featureNames,
        double threshold, TrainerKind trainer, IReadOnlyDictionary<string, double> parameters, CrossValidationSummary crossValidation,
        IReadOnlyList<CandidateResult> candidates, IReadOnlyList<CauseModelSettings> causes, CauseModelGain? causeGain, float[] outOfFold)
    {
        OutOfFold = outOfFold;
        Context = context;
        Members = members;
        FeatureNames = featureNames;
        Threshold = threshold;
        Trainer = trainer;
        Parameters = parameters;
        CrossValidation = crossValidation;
        Candidates = candidates;
        Causes = causes;
        CauseGain = causeGain;
    }

    internal MLContext Context { get; }

    // The out-of-fold probabilities of the training split the threshold was chosen on (for the ensemble-search bench).
    internal float[] OutOfFold { get; }

    // The whole-label model first (named "label"), then one per cause, named by its cause column.
    internal IReadOnlyList<(string Name, ITransformer Transformer)> Members { get; }

    /// <summary>Names of the feature vector's slots.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Decision threshold on the probability, chosen on out-of-fold predictions.</summary>
    public double Threshold { get; }

    /// <summary>The trainer of the whole-label model.</summary>
    public TrainerKind Trainer { get; }

    /// <summary>Every candidate tried by the search with its score.</summary>
    public IReadOnlyList<CandidateResult> Candidates { get; }

    /// <summary>The hyperparameters of the final whole-label model (the search's winner).</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; }

    /// <summary>Cross-validation of the model as saved (with its cause models, when there are any).</summary>
    public CrossValidationSummary CrossValidation { get; }

    /// <summary>The cause models combined with the whole-label model; empty when there are none.</summary>
    public IReadOnlyList<CauseModelSettings> Causes { get; }

    /// <summary>What the cause models added, out of fold; null when there are none.</summary>
    public CauseModelGain? CauseGain { get; }

    /// <summary>Probability of the positive class for each row of <paramref name="data"/>.</summary>
    public float[] PredictProbabilities(FeatureMatrix data) =>
        ModelComposition.NoisyOr(Members.Select(m => ModelTrainer.PredictWith(Context, m.Transformer, data)).ToList());

    /// <summary>
    /// Saves the model to <paramref name="path"/>: a plain ML.NET model zip, or with cause models a
    /// <see cref="CompositeModelFile"/>. Zip entries carry a fixed timestamp, so the same training gives
    /// byte-identical files.
    /// </summary>
    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var output = new MemoryStream();
        if (Members.Count == 1)
            output.Write(MemberBytes(Members[0].Transformer));
        else
            CompositeModelFile.Write(output, Members.Select(m => (m.Name, MemberBytes(m.Transformer))).ToList());
        File.WriteAllBytes(path, output.ToArray());
    }

    byte[] MemberBytes(ITransformer transformer)
    {
        using var buffer = new MemoryStream();
        Context.Model.Save(transformer, FeatureRow.ToDataView(Context, new FeatureMatrix(FeatureNames, [], [])).Schema, buffer);
        buffer.Position = 0;
        using var fixedTimes = new MemoryStream();
        CompositeModelFile.CopyWithFixedTimestamps(buffer, fixedTimes);
        return fixedTimes.ToArray();
    }
}

/// <summary>Out-of-fold ranking quality of the whole-label model alone and combined with the cause models.</summary>
/// <param name="WholeLabelRocAuc">ROC AUC of the whole-label model's out-of-fold probabilities.</param>
/// <param name="WholeLabelPrAuc">PR AUC of the whole-label model's out-of-fold probabilities.</param>
/// <param name="CombinedRocAuc">ROC AUC of the combined out-of-fold probabilities.</param>
/// <param name="CombinedPrAuc">PR AUC of the combined out-of-fold probabilities.</param>
public sealed record CauseModelGain(double WholeLabelRocAuc, double WholeLabelPrAuc, double CombinedRocAuc, double CombinedPrAuc);
