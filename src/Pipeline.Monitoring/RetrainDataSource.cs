using Pipeline.Data;
using Pipeline.Data.Specs;
using Pipeline.Modeling.Scoring;

namespace Pipeline.Monitoring;

/// <summary>
/// Which labelled CSV the Retrain target trains on: <c>--retrain-data</c>, else <c>--current</c> when that is a CSV
/// file (an inference log has no labels).
/// </summary>
public static class RetrainDataSource
{
    /// <summary>The path of the labelled CSV to retrain on.</summary>
    /// <param name="spec">The dataset whose format the CSV must have (named in errors).</param>
    /// <param name="current">The drift check's current data (<c>--current</c>), or null.</param>
    /// <param name="retrainData">The labelled data given with <c>--retrain-data</c>, or null.</param>
    /// <exception cref="DataException">
    /// <paramref name="retrainData"/> is missing or a folder, or it is not given and <paramref name="current"/> is an
    /// inference log (or absent).
    /// </exception>
    public static string Resolve(DatasetSpec spec, string? current, string? retrainData)
    {
        if (retrainData is not null)
        {
            // Checked here so the sentence names --retrain-data: the loader's own message names --data.
            if (Directory.Exists(retrainData))
                throw new DataException($"The retraining data {retrainData} (--retrain-data) is a folder; give a labelled CSV file in the '{spec.Name}' format.", retrainData);
            if (!File.Exists(retrainData))
                throw new DataException($"The retraining data {retrainData} (--retrain-data) does not exist; give a labelled CSV file in the '{spec.Name}' format.", retrainData);
            return retrainData;
        }
        if (current is not null && File.Exists(current) && !InferenceLogFormat.HasLogFileExtension(current))
            return current;
        var what = current is null ? "no --current data was given" : $"the inference log {current} has no labels";
        throw new DataException($"Retrain needs labelled data: {what}. Give a CSV in the '{spec.Name}' format with --retrain-data.", current);
    }
}
