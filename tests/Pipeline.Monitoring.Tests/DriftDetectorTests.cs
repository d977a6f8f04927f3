using System.Text.Json;
using Pipeline.Data;
using Pipeline.Data.Features;
using Pipeline.Data.Specs;

namespace Pipeline.Monitoring.Tests;

public sealed class DriftDetectorTests
{
    private static readonly DriftSettings Defaults = new();

    [Fact]
    public void IdenticalSamples_HavePsiZeroAndNoDrift()
    {
        var sample = DriftSamples.Synthetic(2_000, 1);

        var result = DriftDetector.Compare(sample, sample, Defaults);

        Assert.False(result.DriftDetected);
        Assert.Empty(result.Drifted);
        Assert.Equal(sample.Columns, result.Features.Select(f => f.Column));
        Assert.All(result.Features, f =>
        {
            Assert.Equal(0, f.Psi, 12);
            Assert.Equal(0, f.Statistic, 12);
            Assert.Equal(1, f.PValue, 9);
        });
    }

    [Fact]
    public void NumericBins_AreReferenceDecilesWithOpenEnds()
    {
        var result = DriftDetector.Compare(DriftSamples.Synthetic(5_000, 1), DriftSamples.Synthetic(5_000, 2), Defaults);
        var torque = result.Features.Single(f => f.Column == "Torque [Nm]");

        Assert.Equal(10, torque.Histogram.Bins.Count);
        Assert.StartsWith("< ", torque.Histogram.Bins[0]);
        Assert.StartsWith("≥ ", torque.Histogram.Bins[^1]);
        Assert.All(torque.Histogram.ReferenceShare, share => Assert.InRange(share, 0.09, 0.11));
        Assert.Equal(1, torque.Histogram.CurrentShare.Sum(), 9);
        Assert.Equal("Kolmogorov-Smirnov", torque.Test);
        Assert.True(torque.IsNumeric);
    }

    [Fact]
    public void CurrentValuesOutsideTheReferenceRange_LandInTheOpenEndBinsAndDrift()
    {
        var reference = DriftSamples.Synthetic(2_000, 1);
        // A quarter of the current torques far below anything seen, a quarter far above.
        var current = DriftSamples.Synthetic(2_000, 2, (numeric, _) =>
        {
            var torque = numeric["Torque [Nm]"];
            for (var i = 0; i < torque.Length; i++)
                torque[i] = i % 4 == 0 ? -500 : i % 4 == 1 ? 900 : torque[i];
        });

        var torqueDrift = DriftDetector.Compare(reference, current, Defaults).Features.Single(f => f.Column == "Torque [Nm]");

        Assert.True(torqueDrift.Drifted);
        // Each end bin: the quarter pushed outside, plus its tenth of the other half.
        Assert.InRange(torqueDrift.Histogram.CurrentShare[0], 0.27, 0.33);
        Assert.InRange(torqueDrift.Histogram.CurrentShare[^1], 0.27, 0.33);
        Assert.Equal(1, torqueDrift.Histogram.CurrentShare.Sum(), 9);
        // D is reached at the edge of the displaced quarter: 0.25 of the current below everything in the reference.
        Assert.InRange(torqueDrift.Statistic, 0.25, 0.30);
    }

    [Fact]
    public void NewCategoryInCurrent_GetsItsOwnBinAfterTheReferenceCategoriesAndDrifts()
    {
        // The reference never saw H (the domain allows it); the current has 30 % H.
        var reference = DriftSamples.Synthetic(2_000, 1, (_, categories) => categories["Type"] = Enumerable.Range(0, 2_000).Select(i => i % 3 == 0 ? "M" : "L").ToArray());
        var current = DriftSamples.Synthetic(2_000, 2, (_, categories) => categories["Type"] = Enumerable.Range(0, 2_000).Select(i => i % 10 < 3 ? "H" : i % 3 == 0 ? "M" : "L").ToArray());

        var type = DriftDetector.Compare(reference, current, Defaults).Features.Single(f => f.Column == "Type");

        Assert.Equal(["L", "M", "H"], type.Histogram.Bins);
        Assert.Equal(0, type.Histogram.ReferenceShare[2]);
        Assert.Equal(0.3, type.Histogram.CurrentShare[2], 9);
        Assert.True(type.Drifted);
        Assert.True(double.IsFinite(type.Psi));
        Assert.Equal("chi-square", type.Test);
        Assert.True(type.PValue < 1e-10);
    }

    [Fact]
    public void StuckSensorInCurrent_Drifts()
    {
        var reference = DriftSamples.Synthetic(2_000, 1);
        var current = DriftSamples.Synthetic(2_000, 2, (numeric, _) => Array.Fill(numeric["Rotational speed [rpm]"], 1_500));

        var result = DriftDetector.Compare(reference, current, Defaults);

        Assert.Equal(["Rotational speed [rpm]"], result.Drifted.Select(f => f.Column));
        Assert.Equal(1, result.Drifted[0].Histogram.CurrentShare.Max(), 12);
    }

    [Fact]
    public void ConstantReferenceColumn_IsComparedBelowAtAndAboveItsValue()
    {
        var reference = DriftSamples.Synthetic(1_000, 1, (numeric, _) => Array.Fill(numeric["Tool wear [min]"], 0));
        var same = DriftSamples.Synthetic(1_000, 2, (numeric, _) => Array.Fill(numeric["Tool wear [min]"], 0));
        var moved = DriftSamples.Synthetic(1_000, 3, (numeric, _) => numeric["Tool wear [min]"] = Enumerable.Range(0, 1_000).Select(i => i % 2 * 10.0).ToArray());

        var unchanged = DriftDetector.Compare(reference, same, Defaults).Features.Single(f => f.Column == "Tool wear [min]");
        var changed = DriftDetector.Compare(reference, moved, Defaults).Features.Single(f => f.Column == "Tool wear [min]");

        Assert.Equal(["< 0", "= 0", "> 0"], unchanged.Histogram.Bins);
        Assert.False(unchanged.Drifted);
        Assert.Equal(0, unchanged.Psi, 12);
        Assert.True(changed.Drifted);
        Assert.Equal([0, 0.5, 0.5], changed.Histogram.CurrentShare);
    }

    [Fact]
    public void DriftDetected_NeedsMinimumDriftedFeatures()
    {
        var reference = DriftSamples.Synthetic(1_000, 1);
        var current = DriftSamples.Synthetic(1_000, 2, (numeric, _) => numeric["Torque [Nm]"] = numeric["Torque [Nm]"].Select(t => t + 30).ToArray());

        Assert.True(DriftDetector.Compare(reference, current, Defaults).DriftDetected);
        var needTwo = DriftDetector.Compare(reference, current, Defaults with { MinimumDriftedFeatures = 2 });
        Assert.False(needTwo.DriftDetected);
        Assert.Single(needTwo.Drifted);
    }

    [Fact]
    public void FeatureThreshold_ReplacesTheDefaultForItsColumn()
    {
        var reference = DriftSamples.Synthetic(1_000, 1);
        var current = DriftSamples.Synthetic(1_000, 2, (numeric, _) => numeric["Torque [Nm]"] = numeric["Torque [Nm]"].Select(t => t + 30).ToArray());
        var settings = Defaults with { FeatureThresholds = new Dictionary<string, double> { ["Torque [Nm]"] = 1_000 } };

        var torque = DriftDetector.Compare(reference, current, settings).Features.Single(f => f.Column == "Torque [Nm]");

        Assert.Equal(1_000, torque.Threshold);
        Assert.False(torque.Drifted);
    }

    [Fact]
    public void FeatureThresholdForAnUnknownColumn_IsAnErrorNamingTheFileAndColumn()
    {
        var sample = DriftSamples.Synthetic(200, 1);
        var settings = DriftSettings.Parse("""{ "featureThresholds": { "Torque": 0.3 } }""", "models/ai4i2020/drift.json");

        var error = Assert.Throws<DataException>(() => DriftDetector.Compare(sample, sample, settings));

        Assert.Contains("models/ai4i2020/drift.json", error.Message);
        Assert.Contains("'Torque'", error.Message);
        Assert.Contains("'Torque [Nm]'", error.Message);
        Assert.Equal("Torque", error.Column);
    }

    [Theory]
    [InlineData(99, 500)]
    [InlineData(500, 99)]
    public void TooFewRowsInEitherSample_IsAnErrorSayingHowManyAreNeeded(int referenceRows, int currentRows)
    {
        var error = Assert.Throws<DataException>(() =>
            DriftDetector.Compare(DriftSamples.Synthetic(referenceRows, 1), DriftSamples.Synthetic(currentRows, 2), Defaults));

        Assert.Contains("has 99 rows", error.Message);
        Assert.Contains("at least 100", error.Message);
        Assert.Contains(referenceRows == 99 ? "reference" : "current", error.Message);
    }

    [Fact]
    public void SamplesOfDifferentDatasets_CannotBeCompared()
    {
        var ecommerce = DatasetSpec.Load(Path.Combine(SimulatedData.RepositoryRoot, "data", "ecommerce-conversion.json"));
        var other = FeatureSample.FromDataset(Pipeline.Data.Loading.DatasetLoader.Load(ecommerce, SimulatedData.RepositoryRoot, null));

        var error = Assert.Throws<DataException>(() => DriftDetector.Compare(DriftSamples.Synthetic(200, 1), other, Defaults));

        Assert.Contains("'ai4i2020'", error.Message);
        Assert.Contains("'ecommerce-conversion'", error.Message);
    }

    [Fact]
    public void BooleanFeatures_AreComparedAsTrueFalseCategories()
    {
        var ecommerce = DatasetSpec.Load(Path.Combine(SimulatedData.RepositoryRoot, "data", "ecommerce-conversion.json"));
        var data = Pipeline.Data.Loading.DatasetLoader.Load(ecommerce, SimulatedData.RepositoryRoot, null);
        var all = FeatureSample.FromDataset(data);
        var firstHalf = FeatureSample.FromDataset(data, Enumerable.Range(0, data.RowCount / 2).ToArray());

        var returning = DriftDetector.Compare(all, firstHalf, Defaults).Features.Single(f => f.Column == "returning_visitor");

        Assert.Equal(["false", "true"], returning.Histogram.Bins);
        Assert.Equal("chi-square", returning.Test);
        Assert.Equal(data.RowCount / 2, firstHalf.RowCount);
        Assert.Equal(data.Boolean("returning_visitor").Count(b => b), all.Categories("returning_visitor").Count(c => c == "true"));
    }

    [Fact]
    public void ScoreDrift_IsReportedButDoesNotCountTowardsTheVerdict()
    {
        var reference = DriftSamples.Synthetic(1_000, 1);
        var current = DriftSamples.Synthetic(1_000, 2);
        // Scores in no particular row order (a sorted list would look like one long autocorrelated run).
        var low = Enumerable.Range(0, 1_000).Select(i => i * 7919 % 1_000 / 10_000f).ToArray();
        var high = low.Select(s => s + 0.5f).ToArray();

        var result = DriftDetector.Compare(reference, current, Defaults, low, high);

        Assert.NotNull(result.Score);
        Assert.Equal(DriftDetector.ScoreColumn, result.Score.Column);
        Assert.True(result.Score.Drifted);
        Assert.False(result.DriftDetected);
        Assert.Null(DriftDetector.Compare(reference, current, Defaults).Score);
    }

    [Fact]
    public void ToJson_HasSettingsRowsAndEveryFeatureWithItsBins()
    {
        var reference = DriftSamples.Synthetic(1_000, 1);
        var current = DriftSamples.Synthetic(500, 2, (numeric, _) => numeric["Torque [Nm]"] = numeric["Torque [Nm]"].Select(t => t + 30).ToArray());

        using var json = JsonDocument.Parse(DriftDetector.Compare(reference, current, Defaults).ToJson());
        var root = json.RootElement;

        Assert.True(root.GetProperty("driftDetected").GetBoolean());
        Assert.Equal(["Torque [Nm]"], root.GetProperty("driftedFeatures").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0.01, root.GetProperty("settings").GetProperty("falseAlarmRate").GetDouble());
        Assert.Equal(1 - Math.Pow(0.99, 1.0 / 6), root.GetProperty("settings").GetProperty("featureLevel").GetDouble(), 12);
        Assert.False(root.GetProperty("settings").TryGetProperty("psiThreshold", out _));
        Assert.Equal(10, root.GetProperty("settings").GetProperty("bins").GetInt32());
        Assert.Equal(1_000, root.GetProperty("reference").GetProperty("rows").GetInt32());
        Assert.Equal(500, root.GetProperty("current").GetProperty("rows").GetInt32());
        var features = root.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(6, features.Count);
        var torque = features.Single(f => f.GetProperty("column").GetString() == "Torque [Nm]");
        Assert.True(torque.GetProperty("drifted").GetBoolean());
        Assert.Equal("Kolmogorov-Smirnov", torque.GetProperty("test").GetString());
        Assert.Equal(500, torque.GetProperty("rows").GetInt32());
        Assert.True(torque.GetProperty("psi").GetDouble() > torque.GetProperty("threshold").GetDouble());
        Assert.InRange(torque.GetProperty("psiPValue").GetDouble(), 0, torque.GetProperty("level").GetDouble());
        Assert.InRange(torque.GetProperty("pValue").GetDouble(), 0, 1e-10);
        Assert.Equal(10, torque.GetProperty("bins").GetArrayLength());
        Assert.Equal(1, torque.GetProperty("bins").EnumerateArray().Sum(b => b.GetProperty("currentShare").GetDouble()), 9);
        Assert.False(root.TryGetProperty("score", out _));
    }
}
