using System.Text.Json;
using Pipeline.Data.Features;
using Pipeline.Data.Specs;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Training;

namespace Pipeline.Modeling.Scoring;

/// <summary>
/// A registered model version ready to score raw records (column name → JSON value), as the serving service uses
/// it. Loading verifies the model file's SHA-256 against its metadata and refuses a truncated or tampered file.
/// Thread-safe: any number of threads may call <see cref="Score"/> and <see cref="ScoreBatch"/> at once.
/// </summary>
public sealed class ScoringModel : IDisposable
{
    readonly FeatureVectorizer vectorizer;
    readonly FeaturePredictor predictor;

    ScoringModel(ModelMetadata metadata, DatasetSpec spec, FeatureVectorizer vectorizer, FeaturePredictor predictor)
    {
        Metadata = metadata;
        Spec = spec;
        this.vectorizer = vectorizer;
        this.predictor = predictor;
        CauseNames = predictor.MemberNames.Skip(1).ToArray();
    }

    /// <summary>The version's metadata (metadata.json).</summary>
    public ModelMetadata Metadata { get; }

    /// <summary>The dataset spec the model was trained with (spec.json snapshot in the version folder).</summary>
    public DatasetSpec Spec { get; }

    /// <summary>What a scoring record must contain.</summary>
    public InputSchema InputSchema => vectorizer.InputSchema;

    /// <summary>Decision threshold on the probability.</summary>
    public double Threshold => Metadata.Lineage.Threshold;

    /// <summary>The registry version.</summary>
    public int Version => Metadata.Version;

    /// <summary>The cause models' columns, in the order of <see cref="ScoreResult.CauseProbabilities"/>; empty without cause models.</summary>
    public IReadOnlyList<string> CauseNames { get; }

    /// <summary>Loads the registered version in <paramref name="versionDirectory"/> (e.g. models/registry/ai4i2020/versions/3).</summary>
    /// <remarks>
    /// Every file of the folder is verified against its manifest first (<see cref="VersionFolderIntegrity.Verify"/>):
    /// an edited metadata.json (threshold) or spec.json (a derived feature) would change the scores as surely as an
    /// edited model, so none of them is trusted unless the whole version is intact.
    /// </remarks>
    /// <exception cref="ModelingException">The folder is not a complete version, or one of its files is truncated, modified, added or unreadable (the sentence names the file and both digests).</exception>
    public static ScoringModel Load(string versionDirectory) => Load(versionDirectory, allowCompiledEnsemble: true);

    /// <summary>Loads a version; without the compiled ensemble every score goes through ML.NET's pooled PredictionEngine (the benchmark's peer).</summary>
    internal static ScoringModel Load(string versionDirectory, bool allowCompiledEnsemble)
    {
        if (!Directory.Exists(versionDirectory))
            throw new ModelingException($"Model version folder {versionDirectory} does not exist.");
        VersionFolderIntegrity.Verify(versionDirectory);
        var metadata = ModelMetadata.Read(RegistryLayout.MetadataPath(versionDirectory));
        var modelBytes = ModelFileIntegrity.ReadVerified(versionDirectory, metadata);
        var specPath = Path.Combine(versionDirectory, RegistryLayout.SpecFile);
        if (!File.Exists(specPath))
            throw new ModelingException($"Model version folder {versionDirectory} has no {RegistryLayout.SpecFile}; it cannot turn records into features.");
        DatasetSpec spec;
        try { spec = DatasetSpec.Load(specPath); }
        catch (Pipeline.Data.DataException e) { throw new ModelingException($"The spec snapshot of model version {metadata.Version} is not valid: {e.Message}", e); }

        var vectorizer = new FeatureVectorizer(spec);
        if (!vectorizer.FeatureNames.SequenceEqual(metadata.FeatureNames))
            throw new ModelingException(
                $"Model version {metadata.Version} was trained on features [{string.Join(", ", metadata.FeatureNames)}] but its spec.json produces [{string.Join(", ", vectorizer.FeatureNames)}].");
        var modelPath = Path.Combine(versionDirectory, metadata.ModelFile);
        var predictor = FeaturePredictor.Load(modelBytes, modelPath, vectorizer.FeatureNames.Count, allowCompiledEnsemble);
        // The cause probabilities are reported under the members' names, so they must be the causes the version was registered with.
        var registeredCauses = (metadata.Lineage.Causes ?? []).Select(c => c.Column).ToArray();
        if (!predictor.MemberNames.Skip(1).SequenceEqual(registeredCauses))
        {
            predictor.Dispose();
            throw new ModelingException(
                $"Model file {modelPath} holds the cause models [{string.Join(", ", predictor.MemberNames.Skip(1))}], but metadata.json of version {metadata.Version} " +
                $"registers [{string.Join(", ", registeredCauses)}]; the version is inconsistent and will not be loaded.");
        }
        return new ScoringModel(metadata, spec, vectorizer, predictor)
        {
            Explainer = ModelExplainer.Load(versionDirectory, metadata.Version, predictor, spec, vectorizer.FeatureNames),
        };
    }

    /// <summary>Scores one record.</summary>
    /// <exception cref="InputValidationException">A field is missing or has the wrong type or value.</exception>
    public ScoreResult Score(IReadOnlyDictionary<string, JsonElement> record)
    {
        var features = vectorizer.Vectorize(record);
        if (predictor.MemberCount == 1) return Decide(predictor.Predict(features));
        var members = predictor.PredictMembers(features);
        return Decide(ModelComposition.NoisyOr(members), members[1..]);
    }

    /// <summary>Scores many records; the results are in the same order.</summary>
    /// <exception cref="InputValidationException">A field of some record is missing or invalid; the message names the record's index.</exception>
    public IReadOnlyList<ScoreResult> ScoreBatch(IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> records)
    {
        var vectors = new float[records.Count][];
        for (var i = 0; i < records.Count; i++)
        {
            try { vectors[i] = vectorizer.Vectorize(records[i]); }
            catch (InputValidationException e) when (records.Count > 1)
            {
                throw new InputValidationException(e.Field, $"Record {i}: {e.Message}");
            }
        }
        var results = new ScoreResult[records.Count];
        if (predictor.MemberCount == 1)
        {
            var probabilities = predictor.Predict(vectors);
            for (var i = 0; i < results.Length; i++) results[i] = Decide(probabilities[i]);
            return results;
        }
        var members = predictor.PredictMembers(vectors);
        Span<float> row = stackalloc float[members.Length];
        for (var i = 0; i < results.Length; i++)
        {
            for (var m = 0; m < members.Length; m++) row[m] = members[m][i];
            results[i] = Decide(ModelComposition.NoisyOr(row), row[1..].ToArray());
        }
        return results;
    }

    /// <summary>
    /// Probability of the positive class for every row of a drift sample, vectorised straight from its columns with
    /// this version's spec, in bounded chunks (a million rows need no per-record JSON).
    /// </summary>
    /// <exception cref="Pipeline.Data.DataException">The sample lacks a column the model needs or holds a value it cannot take.</exception>
    public float[] Probabilities(FeatureSample sample) => Probabilities(vectorizer, predictor, sample);

    /// <summary>As <see cref="Probabilities(FeatureSample)"/>, for a model not (yet) in a version folder (Register's attachments).</summary>
    internal static float[] Probabilities(FeatureVectorizer vectorizer, FeaturePredictor predictor, FeatureSample sample)
    {
        // Chunks of rows on every core, each thread with its own vectors (the predictor is thread-safe); a chunk's
        // vectors are reused, so a million rows allocate a few thousand vectors, not a million.
        const int Chunk = 4096;
        var result = new float[sample.RowCount];
        var chunks = (sample.RowCount + Chunk - 1) / Chunk;
        (int Chunk, Exception Error)? first = null;
        var gate = new object();
        Parallel.For(0, chunks, () => (float[][]?)null, (chunk, _, vectors) =>
        {
            var start = chunk * Chunk;
            var count = Math.Min(Chunk, sample.RowCount - start);
            vectors ??= Enumerable.Range(0, Math.Min(Chunk, sample.RowCount)).Select(_ => new float[vectorizer.Width]).ToArray();
            try
            {
                vectorizer.Vectorize(sample, start, count, vectors);
                var probabilities = predictor.Predict(count == vectors.Length ? vectors : vectors[..count]);
                Array.Copy(probabilities, 0, result, start, count);
            }
            catch (Exception e)
            {
                lock (gate)
                    if (first is null || chunk < first.Value.Chunk) first = (chunk, e);
            }
            return vectors;
        }, _ => { });
        // The first failing row's error, as itself, as a loop over the rows would throw it.
        if (first is { } failure) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure.Error).Throw();
        return result;
    }

    /// <summary>
    /// Why one record scored as it did, per member model: its base value, raw score and each feature's exact TreeSHAP
    /// contribution (base + contributions = raw score), and the same grouped by input field.
    /// </summary>
    /// <exception cref="InputValidationException">A field is missing or has the wrong type or value.</exception>
    /// <exception cref="ModelingException">The version cannot be explained (e.g. it has no tree covers); the message says why.</exception>
    public IReadOnlyList<Explanation.MemberExplanation> Explain(IReadOnlyDictionary<string, JsonElement> record) =>
        Explainer.Explain(vectorizer.Vectorize(record));

    /// <summary>Why this version cannot be explained, or null when <see cref="Explain"/> works.</summary>
    public string? ExplanationProblem => Explainer.Problem;

    ModelExplainer Explainer { get; init; } = null!;

    /// <summary>True when scores come from the compiled tree ensemble rather than ML.NET's PredictionEngine.</summary>
    internal bool UsesCompiledEnsemble => predictor.IsCompiled;

    ScoreResult Decide(float probability, float[]? causes = null) => new(probability, probability >= Metadata.Lineage.Threshold, causes);

    /// <inheritdoc />
    public void Dispose() => predictor.Dispose();
}
