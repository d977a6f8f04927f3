using System.Collections.Concurrent;
using Microsoft.ML;
using Pipeline.Modeling.Training;

namespace Pipeline.Modeling.Scoring;

/// <summary>
/// Scores feature vectors with one saved ML.NET model (a member of a <see cref="FeaturePredictor"/>), safely from
/// many threads. Tree ensembles are evaluated by a <see cref="CompiledTreeEnsemble"/> once it has been checked to agree with ML.NET on probe vectors; otherwise
/// ML.NET's PredictionEngine is used, which is not thread-safe, so engines are pooled and each call borrows one.
/// </summary>
internal sealed class MemberPredictor : IDisposable
{
    readonly MLContext context;
    readonly ITransformer model;
    readonly Microsoft.ML.Data.SchemaDefinition schema;
    readonly ConcurrentBag<PredictionEngine<FeatureRow, ProbabilityRow>> pool = new();
    CompiledTreeEnsemble? compiled;

    MemberPredictor(MLContext context, ITransformer model, int featureCount)
    {
        this.context = context;
        this.model = model;
        FeatureCount = featureCount;
        schema = FeatureRow.SchemaFor(featureCount);
    }

    public int FeatureCount { get; }

    /// <summary>True when predictions come from the compiled ensemble rather than ML.NET's engine.</summary>
    public bool IsCompiled => compiled is not null;

    /// <summary>The compiled copy of the model, checked against ML.NET (even when scoring does not use it), or null when the model is not a supported tree ensemble.</summary>
    public CompiledTreeEnsemble? Ensemble { get; private set; }

    /// <summary>Loads the ML.NET model in <paramref name="modelBytes"/>; <paramref name="path"/> names it in messages.</summary>
    public static MemberPredictor Load(byte[] modelBytes, string path, int featureCount, bool allowCompiled)
    {
        var context = new MLContext(seed: 0);
        ITransformer model;
        try
        {
            using var stream = new MemoryStream(modelBytes, writable: false);
            model = context.Model.Load(stream, out _);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ModelingException($"Model file {path} ({modelBytes.Length} bytes) is not a readable ML.NET model ({e.Message.TrimEnd('.')}); it is truncated or corrupted: train it again.", e);
        }
        var predictor = new MemberPredictor(context, model, featureCount);
        predictor.Return(predictor.CreateEngine());
        predictor.Ensemble = CompiledTreeEnsemble.TryCompile(model) is { } candidate && predictor.Agrees(candidate) ? candidate : null;
        predictor.compiled = allowCompiled ? predictor.Ensemble : null;
        return predictor;
    }

    // The compiled copy is trusted only if it reproduces ML.NET on vectors that straddle the model's own split points.
    bool Agrees(CompiledTreeEnsemble candidate)
    {
        var thresholds = candidate.Splits.GroupBy(s => s.Feature).ToDictionary(g => g.Key, g => g.Select(s => s.Threshold).Distinct().ToArray());
        var random = new Random(17);
        var probes = new float[200][];
        for (var p = 0; p < probes.Length; p++)
        {
            probes[p] = new float[FeatureCount];
            for (var f = 0; f < FeatureCount; f++)
                if (thresholds.TryGetValue(f, out var values))
                {
                    var t = values[random.Next(values.Length)];
                    probes[p][f] = random.Next(3) switch { 0 => t, 1 => MathF.BitIncrement(t), _ => t + (float)random.NextDouble() - 0.5f };
                }
        }
        var expected = PredictWithEngine(probes);
        for (var p = 0; p < probes.Length; p++)
            if (Math.Abs(candidate.Predict(probes[p]) - expected[p]) > 1e-5) return false;
        return true;
    }

    /// <summary>Probability of the positive class for one feature vector.</summary>
    public float Predict(float[] features)
    {
        if (compiled is not null) return compiled.Predict(features);
        var engine = Rent();
        try { return engine.Predict(new FeatureRow { Features = features }).Probability; }
        finally { Return(engine); }
    }

    /// <summary>Probabilities for many vectors with one borrowed engine and reused row objects.</summary>
    public float[] Predict(IReadOnlyList<float[]> rows)
    {
        if (compiled is null) return PredictWithEngine(rows);
        var result = new float[rows.Count];
        for (var i = 0; i < rows.Count; i++) result[i] = compiled.Predict(rows[i]);
        return result;
    }

    float[] PredictWithEngine(IReadOnlyList<float[]> rows)
    {
        var result = new float[rows.Count];
        var engine = Rent();
        try
        {
            var input = new FeatureRow();
            var output = new ProbabilityRow();
            for (var i = 0; i < rows.Count; i++)
            {
                input.Features = rows[i];
                engine.Predict(input, ref output);
                result[i] = output.Probability;
            }
        }
        finally { Return(engine); }
        return result;
    }

    PredictionEngine<FeatureRow, ProbabilityRow> Rent() => pool.TryTake(out var engine) ? engine : CreateEngine();

    void Return(PredictionEngine<FeatureRow, ProbabilityRow> engine) => pool.Add(engine);

    PredictionEngine<FeatureRow, ProbabilityRow> CreateEngine() =>
        context.Model.CreatePredictionEngine<FeatureRow, ProbabilityRow>(model, ignoreMissingColumns: true, inputSchemaDefinition: schema);

    public void Dispose()
    {
        while (pool.TryTake(out var engine)) engine.Dispose();
        (model as IDisposable)?.Dispose();
    }
}
