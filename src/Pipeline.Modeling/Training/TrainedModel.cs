using System.IO.Compression;
using Microsoft.ML;
using Pipeline.Modeling.Configuration;

namespace Pipeline.Modeling.Training;

/// <summary>A trained model with the decisions made while training it (threshold, hyperparameters, cross-validation).</summary>
public sealed class TrainedModel
{
    internal TrainedModel(MLContext context, ITransformer transformer, IReadOnlyList<string> featureNames, double threshold,
        TrainerKind trainer, IReadOnlyDictionary<string, double> parameters, CrossValidationSummary crossValidation,
        IReadOnlyList<CandidateResult> candidates)
    {
        Context = context;
        Transformer = transformer;
        FeatureNames = featureNames;
        Threshold = threshold;
        Trainer = trainer;
        Parameters = parameters;
        CrossValidation = crossValidation;
        Candidates = candidates;
    }

    internal MLContext Context { get; }
    internal ITransformer Transformer { get; }

    /// <summary>Names of the feature vector's slots.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>Decision threshold on the probability, chosen on out-of-fold predictions.</summary>
    public double Threshold { get; }

    /// <summary>The trainer used.</summary>
    public TrainerKind Trainer { get; }

    /// <summary>The hyperparameters of the final model (the search's winner).</summary>
    public IReadOnlyDictionary<string, double> Parameters { get; }

    /// <summary>Cross-validation of the chosen hyperparameters.</summary>
    public CrossValidationSummary CrossValidation { get; }

    /// <summary>Every candidate tried by the search with its score.</summary>
    public IReadOnlyList<CandidateResult> Candidates { get; }

    /// <summary>Probability of the positive class for each row of <paramref name="data"/>.</summary>
    public float[] PredictProbabilities(FeatureMatrix data) => ModelTrainer.PredictWith(Context, Transformer, data);

    /// <summary>
    /// Saves the ML.NET model to <paramref name="path"/> as a zip whose entries carry a fixed timestamp, so that the
    /// same training gives byte-identical files.
    /// </summary>
    public void Save(string path)
    {
        using var buffer = new MemoryStream();
        Context.Model.Save(Transformer, FeatureRow.ToDataView(Context, new FeatureMatrix(FeatureNames, [], [])).Schema, buffer);
        buffer.Position = 0;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var output = File.Create(path);
        WriteWithFixedTimestamps(buffer, output);
    }

    static readonly DateTimeOffset FixedTimestamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    static void WriteWithFixedTimestamps(Stream source, Stream destination)
    {
        using var input = new ZipArchive(source, ZipArchiveMode.Read);
        using var output = new ZipArchive(destination, ZipArchiveMode.Create);
        foreach (var entry in input.Entries)
        {
            var copy = output.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            copy.LastWriteTime = FixedTimestamp;
            using var from = entry.Open();
            using var to = copy.Open();
            from.CopyTo(to);
        }
    }
}
