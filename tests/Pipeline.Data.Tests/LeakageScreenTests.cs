using System.Globalization;
using System.Text;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using Pipeline.Data.Validation;

namespace Pipeline.Data.Tests;

/// <summary>
/// The single-column leakage screen: a column that alone predicts the label almost perfectly is an error unless the
/// spec acknowledges it, a strong one a warning, and an excluded numeric score computed from the labels is named.
/// </summary>
public sealed class LeakageScreenTests
{
    private static DatasetSpec Spec(string extra = "") => DatasetSpec.Parse($$"""
        {
          "name": "screen",
          "columns": [
            { "name": "id", "role": "id" },
            { "name": "noise", "role": "numeric" },
            { "name": "strong", "role": "numeric" },
            { "name": "outcome", "role": "numeric" },
            { "name": "stage", "role": "categorical", "domain": ["a", "b", "c", "d"] },
            { "name": "difficulty", "role": "excluded", "type": "numeric", "reason": "computed from classifiers' results" },
            { "name": "label", "role": "label", "domain": ["0", "1"] }
          ],
          "label": "label",
          "positiveValue": "1"{{extra}}
        }
        """, "screen.json");

    // 'outcome' is the label plus a little noise (AUC 1); 'strong' overlaps (AUC ≈ 0.86); 'stage' is "d" exactly for
    // positives when it leaks, else random; 'difficulty' is lower for positives.
    private static string Rows(int rows = 4_000, bool stageLeaks = false)
    {
        var random = new Random(5);
        var text = new StringBuilder("id,noise,strong,outcome,stage,difficulty,label\n");
        for (var i = 0; i < rows; i++)
        {
            var positive = random.NextDouble() < 0.2;
            var stage = stageLeaks ? (positive ? "d" : "abc"[random.Next(3)].ToString()) : "abcd"[random.Next(4)].ToString();
            text.Append(CultureInfo.InvariantCulture, $"{i},{random.NextDouble():0.####},{(positive ? 1.5 : 0) + Gaussian(random):0.####},")
                .Append(CultureInfo.InvariantCulture, $"{(positive ? 1 : 0) + 0.01 * random.NextDouble():0.####},{stage},")
                .Append(CultureInfo.InvariantCulture, $"{(positive ? random.Next(10, 18) : random.Next(15, 22))},{(positive ? 1 : 0)}\n");
        }
        return text.ToString();
    }

    [Fact]
    public void AlmostPerfectFeature_IsAnError_AStrongOneAWarning_AndNoiseNothing()
    {
        var report = Validate(Spec(), Rows());

        var outcome = Assert.Single(report.Anomalies, a => a.Kind == "leakage-screen" && a.Column == "outcome");
        Assert.Equal(Severity.Error, outcome.Severity);
        Assert.Contains("alone predicts the label with ROC AUC 1 (rank AUC of its values), at or above 0.95", outcome.Message);
        Assert.Contains("\"acknowledgedLeakage\": {\"outcome\":", outcome.Message);
        var strong = Assert.Single(report.Anomalies, a => a.Kind == "leakage-screen" && a.Column == "strong");
        Assert.Equal(Severity.Warning, strong.Severity);
        Assert.Contains("Is it known at prediction time?", strong.Message);
        Assert.DoesNotContain(report.Anomalies, a => a.Kind == "leakage-screen" && a.Column is "noise" or "stage");
        Assert.InRange(report.Leakage.Single(l => l.Column == "noise").SingleColumnRocAuc!.Value, 0.5, 0.56);
        Assert.False(report.Passed);
    }

    [Fact]
    public void AcknowledgedFeature_IsInfoWithTheSpecsReason()
    {
        var report = Validate(Spec(", \"acknowledgedLeakage\": { \"outcome\": \"measured before the decision\" }"), Rows());

        var outcome = Assert.Single(report.Anomalies, a => a.Kind == "leakage-screen" && a.Column == "outcome");
        Assert.Equal(Severity.Info, outcome.Severity);
        Assert.EndsWith("the spec acknowledges it: measured before the decision", outcome.Message);
        Assert.True(report.Passed);
    }

    [Fact]
    public void CategoryThatGivesTheLabelAway_IsFoundOutOfFold()
    {
        var report = Validate(Spec(", \"acknowledgedLeakage\": { \"outcome\": \"x\" }"), Rows(stageLeaks: true));

        Assert.Equal(1.0, report.Leakage.Single(l => l.Column == "stage").SingleColumnRocAuc);
        Assert.Contains(report.Anomalies, a => a.Column == "stage" && a.Severity == Severity.Error);
    }

    [Fact]
    public void ExcludedNumericScoreOfTheLabels_IsScreenedToo()
    {
        var report = Validate(Spec(", \"acknowledgedLeakage\": { \"outcome\": \"x\" }"), Rows());

        var difficulty = report.Leakage.Single(l => l.Column == "difficulty");
        Assert.True(difficulty.SingleColumnRocAuc > 0.8, $"ROC AUC {difficulty.SingleColumnRocAuc}");
        Assert.Contains("ROC AUC", difficulty.Evidence);
        var info = Assert.Single(report.Anomalies, a => a.Column == "difficulty");
        Assert.Equal(Severity.Info, info.Severity);
        Assert.Contains("excluded (computed from classifiers' results)", info.Message);
    }

    [Fact]
    public void Thresholds_AreConfigurableInTheSpec()
    {
        var report = Validate(Spec(", \"acknowledgedLeakage\": { \"outcome\": \"x\" }, \"leakageScreen\": { \"warningRocAuc\": 0.9, \"errorRocAuc\": 0.99 }"), Rows());

        Assert.DoesNotContain(report.Anomalies, a => a.Column == "strong");
    }

    [Theory]
    [InlineData(", \"acknowledgedLeakage\": { \"nothing\": \"x\" }", "acknowledges leakage of 'nothing', which is not a feature column")]
    [InlineData(", \"acknowledgedLeakage\": { \"outcome\": \" \" }", "acknowledges leakage of 'outcome' without a reason")]
    [InlineData(", \"leakageScreen\": { \"warningRocAuc\": 0.97, \"errorRocAuc\": 0.95 }", "needs 0.5 < leakageScreen.warningRocAuc ≤ leakageScreen.errorRocAuc ≤ 1")]
    public void BadLeakageSettings_AreSpecErrors(string extra, string expected)
    {
        var error = Assert.Throws<DataException>(() => Spec(extra));

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("ai4i2020")]
    [InlineData("ecommerce-conversion")]
    [InlineData("network-intrusion")]
    public void CommittedSpecs_HaveNoUnacknowledgedStrongFeature(string name)
    {
        var (spec, _) = DatasetCatalog.Resolve(RepositoryRoot.Path, name);
        using var source = DataSource.Open(spec, RepositoryRoot.Path, null);

        var report = DataValidator.Validate(spec, source, null);

        Assert.DoesNotContain(report.Anomalies, a => a.Kind == "leakage-screen" && a.Severity != Severity.Info);
        Assert.All(report.Leakage.Where(l => spec.FindColumn(l.Column)!.IsFeature), l => Assert.NotNull(l.SingleColumnRocAuc));
    }

    private static ValidationReport Validate(DatasetSpec spec, string csv)
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("screen.csv", csv);
        using var source = DataSource.Open(spec, directory.Path, file);
        return DataValidator.Validate(spec, source, null);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
