// Usage: DriftRatesBench <repository root> [<registry version folder of a production model>]
// In one process, against a reference of 100,000 simulated rows (seed 3; its training split is the reference, as in
// CheckDrift) with models/ai4i2020/drift.json:
//  - false-alarm rate: the share of ≥ 100 undrifted batches (other seeds) of 1,000 and of 10,000 rows reported as
//    drifted (goal ≤ 5 %), beside the configured rate;
//  - detection rate: the share of 50 drifted batches of 1,000 rows per scenario, at the scenario's default
//    magnitude, reported as drifted (goal ≥ 95 %);
//  - with a model: CBPE's estimated F1 against the actual F1 over 50 labelled batches of 10,000 rows per
//    covariate-shift scenario (goal: mean absolute error ≤ 0.05).
using System.Diagnostics;
using Pipeline.Data.Features;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using Pipeline.Data.Splitting;
using Pipeline.Modeling.Scoring;
using Pipeline.Monitoring;

var root = Path.GetFullPath(args[0]);
var spec = DatasetSpec.Load(Path.Combine(root, "data", "ai4i2020.json"));
var settings = DriftSettings.LoadOrDefault(Path.Combine(root, "models", "ai4i2020", "drift.json"));
const int ReferenceRows = 100_000;
const ulong ReferenceSeed = 3;

Dataset Simulate(long rows, ulong seed, string? scenario) => DatasetLoader.Load(
    spec with { Source = new SourceSpec { Simulator = new SimulatorSourceSpec { Rows = rows, Seed = seed, Scenario = scenario } } }, root, null);

var clock = Stopwatch.StartNew();
var data = Simulate(ReferenceRows, ReferenceSeed, null);
var (trainRows, testRows) = StratifiedSplit.Split(data, data.Spec);
var referenceSample = FeatureSample.FromDataset(data, trainRows.Order().ToArray());
var reference = new DriftReference(referenceSample, settings);
Console.WriteLine($"reference: simulator(rows={ReferenceRows:N0}, seed={ReferenceSeed}), training split {referenceSample.RowCount:N0} rows; {referenceSample.Columns.Count} features; falseAlarmRate {settings.FalseAlarmRate} per batch (each feature at {settings.FeatureLevel(referenceSample.Columns.Count):G3}, Šidák), {settings.Resamples} resamples");
Console.WriteLine();

Console.WriteLine($"{"undrifted batches",-44} {"batches",8} {"flagged",8} {"rate",8} {"configured",11} {"goal",8}");
foreach (var rows in new[] { 1_000, 10_000 })
{
    const int batches = 100;
    var flagged = 0;
    var byFeature = new Dictionary<string, int>();
    for (var b = 0; b < batches; b++)
    {
        var result = DriftDetector.Compare(reference, FeatureSample.FromDataset(Simulate(rows, 1_000 + (ulong)b, null)));
        if (result.DriftDetected) flagged++;
        foreach (var f in result.Drifted) byFeature[f.Column] = byFeature.GetValueOrDefault(f.Column) + 1;
    }
    Console.WriteLine($"{$"{rows:N0} rows, seeds 1000–{1_000 + batches - 1}",-44} {batches,8} {flagged,8} {(double)flagged / batches,8:P1} {settings.FalseAlarmRate,11:P1} {"≤ 5 %",8}{(byFeature.Count > 0 ? "   by " + string.Join(", ", byFeature.Select(p => $"{p.Key} {p.Value}")) : "")}");
}
Console.WriteLine();

Console.WriteLine($"{"drifted batches of 1,000 rows (default magnitude)",-44} {"batches",8} {"found",8} {"rate",8} {"goal",8}  features found (batches)");
foreach (var scenario in new[] { "hot-ambient", "product-mix-shift", "torque-offset", "stuck-sensor" })
{
    const int batches = 50;
    var found = 0;
    var byFeature = new Dictionary<string, int>();
    for (var b = 0; b < batches; b++)
    {
        var result = DriftDetector.Compare(reference, FeatureSample.FromDataset(Simulate(1_000, 2_000 + (ulong)b, scenario)));
        if (result.DriftDetected) found++;
        foreach (var f in result.Drifted) byFeature[f.Column] = byFeature.GetValueOrDefault(f.Column) + 1;
    }
    var magnitude = Pipeline.Data.Simulation.DriftScenario.Parse(scenario).ToString();
    Console.WriteLine($"{magnitude,-44} {batches,8} {found,8} {(double)found / batches,8:P1} {"≥ 95 %",8}  {string.Join(", ", byFeature.Select(p => $"{p.Key} ({p.Value})"))}");
}
Console.WriteLine();

if (args.Length > 1)
{
    using var model = ScoringModel.Load(args[1]);
    var heldOut = model.Probabilities(FeatureSample.FromDataset(data, testRows));
    var heldOutLabels = Array.ConvertAll(testRows, r => data.Labels[r]);
    var calibration = CalibrationCheck.On(heldOut, heldOutLabels, model.Threshold);
    Console.WriteLine($"CBPE with model v{model.Version} (threshold {model.Threshold:F4}); the estimate {calibration.Verdict}.");
    Console.WriteLine($"{"labelled batches of 10,000 rows",-44} {"batches",8} {"MAE F1",8} {"max err",8} {"in 95 %",8} {"goal",8}  mean est / actual F1");
    foreach (var scenario in new[] { "hot-ambient", "product-mix-shift" })
    {
        const int batches = 50;
        var errors = new List<double>();
        var covered = 0;
        double estimatedSum = 0, actualSum = 0;
        for (var b = 0; b < batches; b++)
        {
            var batch = Simulate(10_000, 3_000 + (ulong)b, scenario);
            var probabilities = model.Probabilities(FeatureSample.FromDataset(batch));
            var estimate = PerformanceEstimate.Estimate(model.Version, probabilities, model.Threshold, heldOut, heldOutLabels);
            var actual = ActualPerformance.Measure(model.Version, probabilities, batch.Labels, model.Threshold);
            errors.Add(Math.Abs(estimate.F1.Estimate - actual.F1));
            if (actual.F1 >= estimate.F1.Low && actual.F1 <= estimate.F1.High) covered++;
            estimatedSum += estimate.F1.Estimate;
            actualSum += actual.F1;
        }
        Console.WriteLine($"{Pipeline.Data.Simulation.DriftScenario.Parse(scenario),-44} {batches,8} {errors.Average(),8:F4} {errors.Max(),8:F4} {(double)covered / batches,8:P0} {"≤ 0.05",8}  {estimatedSum / batches:F4} / {actualSum / batches:F4}");
    }
    Console.WriteLine();
}
Console.WriteLine($"wall time {clock.Elapsed.TotalSeconds:F1} s");
