using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using Pipeline.Modeling.Configuration;

namespace Pipeline.Modeling.Training;

/// <summary>Turns a trainer choice and its hyperparameters into an ML.NET estimator that outputs a calibrated Probability.</summary>
internal static class TrainerFactory
{
    // One thread per trainer: results then do not depend on the machine's core count (LightGBM's histograms are
    // only reproducible at a fixed thread count); managed trainers get parallelism from folds trained side by side.
    const int ThreadsPerTrainer = 1;

    public static IEstimator<ITransformer> Create(MLContext ml, TrainerKind trainer, IReadOnlyDictionary<string, double> p, int seed)
    {
        int Int(string name) => (int)p[name];
        switch (trainer)
        {
            case TrainerKind.LightGbm:
                var subsample = p["subsampleFraction"];
                return ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
                {
                    LabelColumnName = nameof(FeatureRow.Label),
                    FeatureColumnName = nameof(FeatureRow.Features),
                    NumberOfLeaves = Int("numberOfLeaves"),
                    MinimumExampleCountPerLeaf = Int("minimumExampleCountPerLeaf"),
                    LearningRate = p["learningRate"],
                    NumberOfIterations = Int("numberOfIterations"),
                    MaximumBinCountPerFeature = Int("maximumBinCountPerFeature"),
                    WeightOfPositiveExamples = p["positiveWeight"],
                    Seed = seed,
                    NumberOfThreads = ThreadsPerTrainer,
                    Silent = true,
                    Verbose = false,
                    Booster = new GradientBooster.Options
                    {
                        L2Regularization = p["l2Regularization"],
                        FeatureFraction = p["featureFraction"],
                        SubsampleFraction = subsample,
                        // LightGBM only bags when a frequency is set.
                        SubsampleFrequency = subsample < 1 ? 1 : 0,
                    },
                });
            case TrainerKind.FastTree:
                return ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
                {
                    LabelColumnName = nameof(FeatureRow.Label),
                    FeatureColumnName = nameof(FeatureRow.Features),
                    NumberOfLeaves = Int("numberOfLeaves"),
                    MinimumExampleCountPerLeaf = Int("minimumExampleCountPerLeaf"),
                    LearningRate = p["learningRate"],
                    NumberOfTrees = Int("numberOfTrees"),
                    FeatureFraction = p["featureFraction"],
                    MaximumBinCountPerFeature = Int("maximumBinCountPerFeature"),
                    Seed = seed,
                    NumberOfThreads = ThreadsPerTrainer,
                });
            case TrainerKind.FastForest:
                // FastForest outputs an uncalibrated score; Platt scaling turns it into a probability.
                return ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
                    {
                        LabelColumnName = nameof(FeatureRow.Label),
                        FeatureColumnName = nameof(FeatureRow.Features),
                        NumberOfLeaves = Int("numberOfLeaves"),
                        MinimumExampleCountPerLeaf = Int("minimumExampleCountPerLeaf"),
                        NumberOfTrees = Int("numberOfTrees"),
                        FeatureFraction = p["featureFraction"],
                        MaximumBinCountPerFeature = Int("maximumBinCountPerFeature"),
                        Seed = seed,
                        NumberOfThreads = ThreadsPerTrainer,
                    })
                    .Append(ml.BinaryClassification.Calibrators.Platt(labelColumnName: nameof(FeatureRow.Label)));
            default:
                throw new ModelingException($"Trainer '{trainer}' is not known; allowed values: {TrainerCatalog.AllowedTrainerNames}.");
        }
    }
}
