using Pipeline.Data;
using Pipeline.Data.Features;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using Pipeline.Data.Splitting;
using Pipeline.Modeling;

namespace Pipeline.Monitoring;

/// <summary>
/// What a drift check compares the current data with: the prepared reference (with the production model's scores on
/// it, when there is a model), the model's scores on the held-out rows with their labels (for the performance
/// estimate) and the reference's positive labels (for label drift). Either computed from the training data's
/// training split, or restored from the reference stored with the production version.
/// </summary>
internal sealed class ReferenceBasis
{
    readonly Func<DriftReference> unscored;

    ReferenceBasis(DriftReference reference, ProductionModel? model, float[]? heldOutScores, bool[]? heldOutLabels, long positives,
        int? storedIn, Func<DriftReference> unscored)
    {
        Reference = reference;
        Model = model;
        HeldOutScores = heldOutScores;
        HeldOutLabels = heldOutLabels;
        Positives = positives;
        StoredIn = storedIn;
        this.unscored = unscored;
    }

    /// <summary>The prepared reference.</summary>
    public DriftReference Reference { get; }

    /// <summary>The production model whose scores the reference holds, or null.</summary>
    public ProductionModel? Model { get; }

    /// <summary>The model's scores on the held-out rows, or null.</summary>
    public float[]? HeldOutScores { get; }

    /// <summary>The held-out rows' labels, or null.</summary>
    public bool[]? HeldOutLabels { get; }

    /// <summary>The reference rows with a positive label.</summary>
    public long Positives { get; }

    /// <summary>The version whose stored reference this is, or null when computed from the data.</summary>
    public int? StoredIn { get; }

    /// <summary>The same reference without the model's scores (the model could not score the current rows).</summary>
    public ReferenceBasis WithoutScores() => new(unscored(), null, null, null, Positives, StoredIn, unscored);

    /// <summary>The training split of <paramref name="data"/>, scored by <paramref name="model"/> when given.</summary>
    public static ReferenceBasis Split(Dataset data, DriftSettings settings, ProductionModel? model, DriftPhases phases, Action<string> warn)
    {
        // Each side's rows come in ascending order (the reference keeps the rows' order, in which its autocorrelation
        // is measured).
        var (referenceRows, heldOutRows) = phases.Measure("split the reference", () => StratifiedSplit.Split(data, data.Spec));
        var sample = FeatureSample.FromDataset(data, referenceRows);
        var labels = data.Labels;
        var positives = referenceRows.LongCount(r => labels[r]);
        float[]? scores = null, heldOutScores = null;
        if (model is not null)
        {
            try
            {
                (scores, heldOutScores) = phases.Measure("score the reference and held-out rows", () =>
                    (model.Model.Probabilities(sample), model.Model.Probabilities(FeatureSample.FromDataset(data, heldOutRows))));
            }
            catch (Exception e) when (e is ModelingException or DataException)
            {
                warn($"Prediction drift is not checked: production model v{model.Version} cannot score these rows ({e.Message})");
                model = null;
            }
        }
        var reference = phases.Measure("bin and sort the reference", () => new DriftReference(sample, settings, scores));
        return new ReferenceBasis(reference, model, heldOutScores, heldOutScores is null ? null : Array.ConvertAll(heldOutRows, r => labels[r]),
            positives, null, () => new DriftReference(sample, settings));
    }

    /// <summary>The reference stored with <paramref name="model"/>'s version.</summary>
    public static ReferenceBasis Restore(StoredDriftReference stored, DatasetSpec spec, DriftSettings settings, ProductionModel model)
    {
        var scored = stored.Columns.Any(c => c.Name == DriftDetector.ScoreColumn) && stored.HeldOutScores is not null;
        return new ReferenceBasis(DriftReference.Restore(stored, spec, settings, withScores: scored), scored ? model : null,
            scored ? stored.HeldOutScoreValues() : null, scored ? stored.HeldOutLabelValues() : null, stored.Positives, model.Version,
            () => DriftReference.Restore(stored, spec, settings, withScores: false));
    }
}

/// <summary>The production version a drift check scores with.</summary>
/// <param name="Version">Its number.</param>
/// <param name="Directory">Its (local) folder.</param>
/// <param name="Model">The loaded model; the check disposes it.</param>
internal sealed record ProductionModel(int Version, string Directory, Pipeline.Modeling.Scoring.ScoringModel Model)
{
    /// <summary>The model's decision threshold.</summary>
    public double Threshold => Model.Threshold;
}
