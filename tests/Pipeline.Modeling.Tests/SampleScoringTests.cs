using Pipeline.Data.Features;
using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Features;

namespace Pipeline.Modeling.Tests;

/// <summary>Scoring a feature sample column by column (what the drift check's prediction drift uses).</summary>
public class SampleScoringTests
{
    [Fact]
    public void ScoringASample_FromItsColumns_GivesTheProbabilitiesOfScoringItsRecords()
    {
        using var root = new TemporaryDirectory();
        SimulatedData.WriteConfiguration(root.Path, SimulatedData.FastConfiguration);
        var data = SimulatedData.Load();
        var ops = new LifecycleSteps(root.Path, "ai4i2020");
        ops.Train(data);
        ops.Evaluate(data, isEmbeddedDefault: true, onMissingSnapshot: MissingSnapshotPolicy.Warn);
        var version = ops.Register(data).Version;
        using var model = Scoring.ScoringModel.Load(ops.Registry.VersionDirectory(version));
        var features = DatasetFeatures.From(data);

        var fromColumns = model.Probabilities(FeatureSample.FromDataset(data));
        var fromRecords = model.ScoreBatch(Enumerable.Range(0, data.RowCount).Select(features.Record).ToList());

        Assert.Equal(data.RowCount, fromColumns.Length);
        Assert.Equal(fromRecords.Select(r => Math.Round(r.Probability, 6)), fromColumns.Select(p => Math.Round((double)p, 6)));
    }
}
