// Usage: ModelScoringBench <registry version folder>
// Scores records built from the version's input example (numeric fields varied deterministically) with
// ScoringModel (compiled tree ensemble, what the service uses) and, as the peer, the same ScoringModel path through
// ML.NET's pooled PredictionEngine. Prints mean latency of one record and of a batch of 1,000.
using System.Diagnostics;
using System.Text.Json;
using Pipeline.Modeling.Scoring;

var directory = args[0];
using var example = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "input-example.json")));
var random = new Random(1);
var records = Enumerable.Range(0, 1000).Select(_ =>
    (IReadOnlyDictionary<string, JsonElement>)example.RootElement.EnumerateObject().ToDictionary(
        p => p.Name,
        p => p.Value.ValueKind == JsonValueKind.Number
            ? JsonSerializer.SerializeToElement(p.Value.GetDouble() * (0.9 + 0.2 * random.NextDouble()))
            : p.Value.Clone())).ToList();

Console.WriteLine($"{"scorer (median of 7 rounds)",-50} {"1 record",16} {"batch of 1,000",22}");
foreach (var (name, compiled) in new[] { ("ScoringModel (compiled tree ensemble)", true), ("peer: ML.NET PredictionEngine (pooled)", false) })
{
    using var model = ScoringModel.Load(directory, compiled);
    if (model.UsesCompiledEnsemble != compiled) throw new InvalidOperationException($"{name}: the model could not be scored that way.");
    // Warm up for a second so the JIT has produced its optimised code, then keep the median of 7 rounds
    // (the machine may be shared; the median ignores rounds that another process interrupted).
    for (var warm = Stopwatch.StartNew(); warm.ElapsedMilliseconds < 1000;) { model.Score(records[0]); model.ScoreBatch(records); }
    var singleRounds = new List<double>();
    var batchRounds = new List<double>();
    for (var round = 0; round < 7; round++)
    {
        const int singles = 5_000, batches = 10;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < singles; i++) model.Score(records[i % records.Count]);
        singleRounds.Add(stopwatch.Elapsed.TotalMilliseconds * 1000 / singles);
        stopwatch.Restart();
        for (var i = 0; i < batches; i++) model.ScoreBatch(records);
        batchRounds.Add(stopwatch.Elapsed.TotalMilliseconds / batches);
    }
    Console.WriteLine($"{name,-50} {Median(singleRounds),13:F1} µs {Median(batchRounds),19:F2} ms");
}

// The model alone, on ready feature vectors: the compiled ensemble against ML.NET's engine.
var vectorizer = new Pipeline.Data.Features.FeatureVectorizer(Pipeline.Data.Specs.DatasetSpec.Load(Path.Combine(directory, "spec.json")));
var vectors = records.Select(vectorizer.Vectorize).ToList();
var metadata = Pipeline.Modeling.Registry.ModelMetadata.Read(Path.Combine(directory, "metadata.json"));
foreach (var (name, compiled) in new[] { ("of which the model on feature vectors (compiled)", true), ("of which the model on feature vectors (ML.NET)", false) })
{
    using var predictor = FeaturePredictor.Load(Path.Combine(directory, "model.zip"), metadata.FeatureNames.Count, compiled);
    for (var warm = Stopwatch.StartNew(); warm.ElapsedMilliseconds < 500;) predictor.Predict(vectors);
    var rounds = new List<double>();
    for (var round = 0; round < 7; round++)
    {
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < 10; i++) predictor.Predict(vectors);
        rounds.Add(stopwatch.Elapsed.TotalMilliseconds / 10);
    }
    Console.WriteLine($"{name,-50} {Median(rounds) * 1000 / vectors.Count,13:F1} µs {Median(rounds),19:F2} ms");
}

// How much of it is turning the JSON record into features (the data library's FeatureVectorizer).
for (var warm = Stopwatch.StartNew(); warm.ElapsedMilliseconds < 500;) vectorizer.Vectorize(records[0]);
var watch = Stopwatch.StartNew();
for (var i = 0; i < 20_000; i++) vectorizer.Vectorize(records[i % records.Count]);
Console.WriteLine($"{"of which FeatureVectorizer.Vectorize(record)",-50} {watch.Elapsed.TotalMilliseconds * 1000 / 20_000,13:F1} µs");

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
