using Pipeline.Data.Features;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Scoring;
using Pipeline.Monitoring;
using Pipeline.Serving.Monitoring;

namespace Pipeline.Serving.Tests;

/// <summary>The service's sliding window computes CheckDrift's PSI, over the same bins and thresholds.</summary>
public sealed class LiveDriftWindowTests
{
    [Fact]
    public void Window_psi_per_feature_equals_the_drift_checks_psi_over_the_same_rows()
    {
        var reference = LiveDriftVersion.Simulated(4_000, 7);
        var current = LiveDriftVersion.Simulated(1_500, 11, "hot-ambient");
        var bins = new LiveDriftReference("no-such-drift-settings.json", windowRows: 1_000)
            .Build(reference, 0.5, sample => new float[sample.RowCount]);
        var window = new LiveDriftWindow(bins);

        // 1,500 records through a window of 1,000: the first 500 are evicted.
        var records = LiveDriftVersion.Records(current, 0, 1_500);
        window.Observe(records, records.Select(_ => new ScoreResult(0, false)).ToList());
        var live = window.Snapshot();

        var checkedRows = FeatureSample.FromDataset(current, Enumerable.Range(500, 1_000).ToArray());
        var referenceRows = FeatureSample.FromDataset(reference, Pipeline.Data.Splitting.StratifiedSplit.Split(reference, reference.Spec).Train.Order().ToArray());
        var check = DriftDetector.Compare(referenceRows, checkedRows, DriftSettings.LoadOrDefault("no-such-drift-settings.json"));
        Assert.Equal(1_000, live.Rows);
        Assert.Equal(check.Features.Select(f => f.Column), live.Features.Select(f => f.Column));
        foreach (var (checkedFeature, liveFeature) in check.Features.Zip(live.Features))
        {
            Assert.Equal(checkedFeature.Psi, liveFeature.Psi, 9);
            Assert.Equal(checkedFeature.Threshold, liveFeature.Threshold, 9);
        }
        Assert.Contains(live.Features, f => f.Column == "Air temperature [K]" && f.Psi > f.Threshold);
    }

    [Fact]
    public void A_category_the_reference_never_had_counts_as_drift_instead_of_being_dropped()
    {
        var reference = LiveDriftVersion.Simulated(2_000, 7);
        var bins = new LiveDriftReference("no-such-drift-settings.json", windowRows: 200)
            .Build(reference, 0.5, sample => new float[sample.RowCount]);
        var window = new LiveDriftWindow(bins);
        var records = LiveDriftVersion.Records(reference, 0, 200)
            .Select(r => (IReadOnlyDictionary<string, System.Text.Json.JsonElement>)new Dictionary<string, System.Text.Json.JsonElement>(r)
            {
                ["Type"] = System.Text.Json.JsonSerializer.SerializeToElement("X"),
            }).ToList();

        window.Observe(records, records.Select(_ => new ScoreResult(0, false)).ToList());

        var type = window.Snapshot().Features.Single(f => f.Column == "Type");
        Assert.True(type.Psi > type.Threshold, $"PSI {type.Psi} of an all-unseen category should cross the threshold {type.Threshold}");
    }

    [Fact]
    public void Registered_live_drift_reference_round_trips_through_the_version_file()
    {
        using var registry = new TemporaryDirectory();
        var version = LiveDriftVersion.Register(registry.Path, windowRows: 300);

        var bins = LiveDriftBins.ReadOrNull(version);

        Assert.NotNull(bins);
        Assert.Equal(300, bins.WindowRows);
        Assert.Equal(LiveDriftVersion.Spec.Columns.Where(c => c.IsFeature).Select(c => c.Name), bins.Features.Select(f => f.Name));
        Assert.NotNull(bins.Score);
        Assert.All(bins.Features.Append(bins.Score), f => Assert.True(f.Threshold > 0, $"{f.Name} has threshold {f.Threshold}"));
        using var model = ScoringModel.Load(version); // the file is covered by the version's digest: loading verifies it
        Assert.Equal(model.Threshold, bins.ModelThreshold);
    }
}
