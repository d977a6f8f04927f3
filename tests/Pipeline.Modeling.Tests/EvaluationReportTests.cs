using System.Text.RegularExpressions;
using Pipeline.Modeling.Evaluation;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Scoring;
using Pipeline.Modeling.Steps;

namespace Pipeline.Modeling.Tests;

/// <summary>The evaluation report of a real trained and evaluated model, and the curves it draws.</summary>
public sealed class EvaluationReportTests(RegisteredModelFixture fixture) : IClassFixture<RegisteredModelFixture>
{
    string Report => File.ReadAllText(new Workspace(fixture.Root.Path, "ai4i2020").ReportPath);

    [Fact]
    public void Report_ShowsTheGateVerdictLineageCurvesCalibrationAndGlobalExplanation()
    {
        var report = Report;
        Assert.Matches("<h2>Metric gate: <span class=\"pass\">PASSED</span></h2>", report);
        Assert.Contains("<th>verified (old)</th><th>received (new)</th><th>delta</th><th>tolerance</th>", report);
        Assert.Contains($"<code>{fixture.Metadata.Lineage.RunId}</code>", report);
        Assert.Contains("<h2>Lineage</h2>", report);
        Assert.Contains("numberOfLeaves = 8", report);
        Assert.Contains("Precision, recall and F1 by threshold", report);
        Assert.Contains("Score distribution per class", report);
        Assert.Matches(@"Calibration \(Brier 0\.\d{4}\)", report);
        Assert.Contains("Mean |contribution| per feature", report);
        Assert.Contains("Mean |contribution| per input field", report);
    }

    [Fact]
    public void Report_OfATrainedModel_HasItsOperatingPointPermutationImportanceAndHistory()
    {
        var report = Report;
        Assert.Equal(2, Regex.Matches(report, "class=\"operating-point\"").Count);
        Assert.Contains("<h2>Permutation importance</h2>", report);
        Assert.Contains("<h2>History over the dataset's runs</h2>", report);
        Assert.Single(Regex.Matches(report, "class=\"history-point\" data-metric=\"f1\""));

        var recorded = EvaluationRecord.Read(new Workspace(fixture.Root.Path, "ai4i2020").MetricsPath).PermutationImportance!;
        var inputFields = fixture.Features.Data.Spec.Columns.Where(c => c.IsFeature).Select(c => c.Name).Order(StringComparer.Ordinal);
        Assert.Equal(inputFields, recorded.Fields.Select(f => f.Field).Order(StringComparer.Ordinal));
        Assert.Equal(recorded.Fields.Select(f => f.MeanDrop).OrderByDescending(d => d), recorded.Fields.Select(f => f.MeanDrop));
        Assert.True(recorded.Fields[0].MeanDrop > 0.01, $"the most important field should matter: {recorded.Fields[0]}");
        Assert.All(recorded.Fields, f => Assert.InRange(f.MeanDrop, f.Lower, f.Upper));
    }

    [Fact]
    public void Report_IsSelfContained()
    {
        var report = Report;
        Assert.DoesNotContain("<script", report);
        Assert.DoesNotMatch(new Regex("(src|href)=\"https?:"), report);
    }

    [Fact]
    public void GlobalExplanation_IsTheMeanAbsoluteContributionOfTheRegisteredModelsExplanations()
    {
        var modelPath = Path.Combine(fixture.VersionDirectory, RegistryLayout.ModelFile);
        var features = fixture.Features;
        var importance = GlobalExplanation.Of(File.ReadAllBytes(modelPath), modelPath, fixture.Features.Data.Spec, features.Train, features.Test, maxRows: int.MaxValue);

        using var model = ScoringModel.Load(fixture.VersionDirectory);
        var explanations = features.TestRows.Select(row => model.Explain(features.Record(row))[0]).ToList();
        Assert.Equal(features.TestRows.Length, importance.Rows);
        foreach (var (name, value) in importance.Features)
            Assert.Equal(explanations.Average(e => Math.Abs(e.Features.Single(c => c.Name == name).Value)), value, 1e-9);
        Assert.Equal(importance.Features.Select(p => p.Value).OrderByDescending(v => v), importance.Features.Select(p => p.Value));
        Assert.True(importance.Features[0].Value > 0);
    }
}

public sealed class ReportCurvesTests
{
    // Binary fractions, so that float and double agree exactly at the thresholds.
    static readonly float[] Probabilities = [0.125f, 0.5f, 0.375f, 0.75f, 0.875f, 0.25f];
    static readonly bool[] Labels = [false, false, true, true, true, false];

    [Fact]
    public void Brier_IsTheMeanSquaredErrorOfTheProbability()
    {
        var expected = (0.015625 + 0.25 + 0.390625 + 0.0625 + 0.015625 + 0.0625) / 6;
        Assert.Equal(expected, ReportCurves.Brier(Probabilities, Labels), 6);
    }

    [Fact]
    public void ThresholdCurve_CountsRowsAtOrAboveTheThresholdAsPositive()
    {
        var (precision, recall, f1) = ReportCurves.ThresholdCurve(Probabilities, Labels);
        var at = precision.ToList().FindIndex(p => Math.Abs(p.X - 0.37) < 1e-9);
        Assert.Equal(3.0 / 4, precision[at].Y, 9); // 0.375, 0.5, 0.75, 0.875 flagged; 3 are positive
        Assert.Equal(1.0, recall.Single(p => Math.Abs(p.X - 0.37) < 1e-9).Y, 9);
        Assert.Equal(2 * 0.75 / 1.75, f1[at].Y, 9);
        Assert.Equal(99, recall.Count);
    }

    [Fact]
    public void Calibration_AveragesPredictionsAndOutcomesPerBin()
    {
        var bins = ReportCurves.Calibration(Probabilities, Labels, bins: 2);
        Assert.Equal(2, bins.Count);
        Assert.Equal(0.25, bins[0].MeanPredicted, 9);
        Assert.Equal(1.0 / 3, bins[0].Observed, 9);
        Assert.Equal(2.0 / 3, bins[1].Observed, 9);
        Assert.Equal(3, bins[1].Rows);
    }

    [Fact]
    public void ScoreDistribution_GivesEachClassShareSummingToOne()
    {
        Assert.Equal(1.0, ReportCurves.ScoreDistribution(Probabilities, Labels, positiveClass: true).Sum(p => p.Y), 9);
        Assert.Equal(1.0, ReportCurves.ScoreDistribution(Probabilities, Labels, positiveClass: false).Sum(p => p.Y), 9);
    }

    [Fact]
    public void Bars_ShortenALongLabel_AndKeepItWholeInTheTooltip()
    {
        var longName = "A derived feature with a name far too long to fit beside its bar";
        var svg = ReportCharts.Bars("t", "value", [KeyValuePair.Create(longName, 1.0), KeyValuePair.Create("short", 0.5)]);
        Assert.Contains($"<title>{longName}: 1</title>", svg);
        Assert.Contains("A derived feature with a name far…", svg);
        Assert.DoesNotContain($">{longName}</text>", svg);
    }
}
