using System.Globalization;
using System.Text;
using Pipeline.Data.Loading;
using Pipeline.Data.Proposing;
using Pipeline.Data.Specs;
using Pipeline.Data.Validation;

namespace Pipeline.Data.Tests;

/// <summary>
/// The agreement screen: a feature computed from classifiers' results (how many of 21 got the row right) is found
/// although alone it is only moderately strong; legitimate features, a legitimately strong score and the label plus
/// noise are not; acknowledged and excluded columns are not screened; NewDataset excludes what it finds.
/// </summary>
public sealed class LeakageAgreementScreenTests
{
    private static DatasetSpec Spec(string difficultyRole = "numeric", string extra = "") => DatasetSpec.Parse($$"""
        {
          "name": "agreement",
          "columns": [
            { "name": "id", "role": "id" },
            { "name": "x1", "role": "numeric" },
            { "name": "x2", "role": "numeric" },
            { "name": "x3", "role": "numeric" },
            { "name": "segment", "role": "categorical", "domain": ["a", "b", "c", "d"] },
            { "name": "strong_legit", "role": "numeric" },
            { "name": "label_noisy", "role": "numeric" },
            { "name": "difficulty", "role": "{{difficultyRole}}"{{(difficultyRole == "excluded" ? ", \"type\": \"numeric\", \"reason\": \"leakage\"" : "")}} },
            { "name": "label", "role": "label", "domain": ["false", "true"] }
          ],
          "label": "label",
          "positiveValue": "true"{{extra}}
        }
        """, "agreement.json");

    // The label is drawn from the features' true probability p; 'strong_legit' is its log-odds plus noise (known at
    // prediction time); 'label_noisy' the label plus noise; 'difficulty' how many of 21 classifiers, each right with
    // the probability of the row's own class, got it right.
    private static string Rows(int rows = 8_000)
    {
        var random = new Random(11);
        var text = new StringBuilder("id,x1,x2,x3,segment,strong_legit,label_noisy,difficulty,label\n");
        for (var i = 0; i < rows; i++)
        {
            double x1 = Gaussian(random), x2 = Gaussian(random) + 0.5 * x1, x3 = Gaussian(random);
            var segment = "abcd"[random.Next(4)];
            var logit = -1.5 + 1.5 * x1 + x2 * x3 - 0.5 * x3 + (segment == 'd' ? 1.2 : 0);
            var p = 1 / (1 + Math.Exp(-logit));
            var positive = random.NextDouble() < p;
            var difficulty = Enumerable.Range(0, 21).Count(_ => random.NextDouble() < (positive ? p : 1 - p));
            text.Append(CultureInfo.InvariantCulture, $"{i},{x1:0.####},{x2:0.####},{x3:0.####},{segment},{logit + 0.5 * Gaussian(random):0.####},")
                .Append(CultureInfo.InvariantCulture, $"{(positive ? 1 : 0) + Gaussian(random):0.####},{difficulty},{(positive ? "true" : "false")}\n");
        }
        return text.ToString();
    }

    [Fact]
    public void ColumnComputedFromClassifiersResults_IsAnError_ThoughAloneItIsOnlyModeratelyStrong()
    {
        var report = Validate(Spec(), Rows());

        var difficulty = report.Leakage.Single(l => l.Column == "difficulty");
        Assert.True(difficulty.SingleColumnRocAuc < 0.8, $"single-column ROC AUC {difficulty.SingleColumnRocAuc}: the single-column screen would not warn");
        Assert.True(difficulty.ModelAgreement!.RocAuc > 0.75, $"agreement ROC AUC {difficulty.ModelAgreement.RocAuc}");
        var error = Assert.Single(report.Anomalies, a => a.Kind == LeakageAgreementCheck.Kind);
        Assert.Equal(("difficulty", Severity.Error), (error.Column, error.Severity));
        Assert.Contains("in both classes", error.Message);
        Assert.Contains("\"acknowledgedLeakage\": {\"difficulty\":", error.Message);
        Assert.False(report.Passed);
    }

    [Fact]
    public void LegitimateFeatures_AStrongLegitimateScore_AndTheLabelWithNoise_AreNotFlagged()
    {
        var report = Validate(Spec(), Rows());

        foreach (var column in new[] { "x1", "x2", "x3", "strong_legit", "label_noisy" })
        {
            var agreement = report.Leakage.Single(l => l.Column == column).ModelAgreement!;
            Assert.False(agreement.Flags(0.6), $"{column}: {agreement}");
            Assert.True(agreement.RocAuc < 0.6, $"{column}: agreement ROC AUC {agreement.RocAuc}");
        }
    }

    [Fact]
    public void AcknowledgedOrExcludedColumns_AreNotScreened()
    {
        var acknowledged = Validate(Spec(extra: ", \"acknowledgedLeakage\": { \"difficulty\": \"known before the connection\" }"), Rows());
        var excluded = Validate(Spec("excluded"), Rows());

        Assert.Null(acknowledged.Leakage.Single(l => l.Column == "difficulty").ModelAgreement);
        Assert.Null(excluded.Leakage.Single(l => l.Column == "difficulty").ModelAgreement);
        Assert.DoesNotContain(acknowledged.Anomalies, a => a.Kind == LeakageAgreementCheck.Kind);
        Assert.DoesNotContain(excluded.Anomalies, a => a.Kind == LeakageAgreementCheck.Kind);
    }

    [Fact]
    public void AgreementLevelOfOne_TurnsTheScreenOff()
    {
        var report = Validate(Spec(extra: ", \"leakageScreen\": { \"agreementRocAuc\": 1 }"), Rows());

        Assert.All(report.Leakage, l => Assert.Null(l.ModelAgreement));
        Assert.DoesNotContain(report.Anomalies, a => a.Kind == LeakageAgreementCheck.Kind);
    }

    [Fact]
    public void AgreementLevelAtOrBelowAHalf_IsASpecError()
    {
        var error = Assert.Throws<DataException>(() => Spec(extra: ", \"leakageScreen\": { \"agreementRocAuc\": 0.5 }"));

        Assert.Contains("needs 0.5 < leakageScreen.agreementRocAuc ≤ 1", error.Message);
    }

    [Fact]
    public void TheScreen_GivesTheSameFiguresEveryRun()
    {
        var first = Validate(Spec(), Rows(3_000)).Leakage.Select(l => l.ModelAgreement).ToList();
        var second = Validate(Spec(), Rows(3_000)).Leakage.Select(l => l.ModelAgreement).ToList();

        Assert.Equal(first, second);
        Assert.Contains(first, a => a is not null);
    }

    [Fact]
    public void NewDataset_ExcludesTheColumnComputedFromClassifiersResults_WithTheFigures()
    {
        using var directory = new TemporaryDirectory();
        var proposal = SpecProposer.Propose(directory.Write("traffic.csv", Rows()), "label", "traffic");

        var difficulty = proposal.Spec.FindColumn("difficulty")!;
        Assert.Equal(ColumnRole.Excluded, difficulty.Role);
        Assert.StartsWith("leakage: tells where a model without it is right from where it is wrong in both classes (agreement ROC AUC", difficulty.Reason);
        Assert.Contains(proposal.Review, r => r.StartsWith("'difficulty' is excluded as leakage", StringComparison.Ordinal));
        Assert.All(new[] { "x1", "x2", "x3", "segment", "strong_legit", "label_noisy" }, c => Assert.True(proposal.Spec.FindColumn(c)!.IsFeature, c));
    }

    private static ValidationReport Validate(DatasetSpec spec, string csv)
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("agreement.csv", csv);
        using var source = DataSource.Open(spec, directory.Path, file);
        return DataValidator.Validate(spec, source, null);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
