using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using Pipeline.Data.Validation;

namespace Pipeline.Data.Tests;

/// <summary>
/// The label's mapping to the positive class: positiveValue, positiveValues or negativeValues (exactly one),
/// boolean-like values in any case, and what ValidateData says about the mapping.
/// </summary>
public sealed class LabelMappingTests
{
    private static DatasetSpec Spec(string mapping, string labelDomain = "") => DatasetSpec.Parse($$"""
        {
          "name": "traffic",
          "columns": [
            { "name": "bytes", "role": "numeric" },
            { "name": "attack", "role": "label"{{labelDomain}} }
          ],
          "label": "attack",
          {{mapping}}
        }
        """, "traffic.json");

    private static bool[] Labels(DatasetSpec spec, string csv)
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("traffic.csv", csv);
        return DatasetLoader.Load(spec, directory.Path, file).Labels;
    }

    private const string Traffic = "bytes,attack\n1,normal\n2,neptune\n3,smurf\n4,normal\n5,guess_passwd\n";

    [Fact]
    public void NegativeValues_MakeEveryOtherValuePositive()
    {
        var spec = Spec("\"negativeValues\": [\"normal\"]");

        Assert.Equal([false, true, true, false, true], Labels(spec, Traffic));
        Assert.Equal("anything but 'normal'", spec.LabelMapping.Describe());
    }

    [Fact]
    public void PositiveValues_MakeEachListedValuePositive_AndTheRestNegative()
    {
        var spec = Spec("\"positiveValues\": [\"neptune\", \"smurf\"]");

        Assert.Equal([false, true, true, false, false], Labels(spec, Traffic));
    }

    [Theory]
    [InlineData("\"positiveValue\": \"1\", \"negativeValues\": [\"0\"]", "sets both \"positiveValue\" and \"negativeValues\"", "(at negativeValues)")]
    [InlineData("\"positiveValues\": [\"a\"], \"negativeValues\": [\"b\"]", "sets both \"positiveValues\" and \"negativeValues\"", "(at negativeValues)")]
    [InlineData("\"split\": { \"testFraction\": 0.2 }", "needs one of \"positiveValue\"", "(at positiveValue)")]
    [InlineData("\"negativeValues\": []", "has an empty \"negativeValues\" list", "(at negativeValues)")]
    [InlineData("\"positiveValues\": [\"a\", \"a\"]", "lists the label value 'a' twice", "(at positiveValues)")]
    public void NoneOrMoreThanOneMapping_IsASpecErrorNamingTheField(string mapping, string expected, string field)
    {
        var error = Assert.Throws<DataException>(() => Spec(mapping));

        Assert.StartsWith("The dataset spec 'traffic.json' ", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.EndsWith(field + ".", error.Message);
    }

    [Fact]
    public void MappingEveryDomainValueToOneClass_IsASpecError()
    {
        var error = Assert.Throws<DataException>(() => Spec("\"negativeValues\": [\"normal\", \"attack\"]", ", \"domain\": [\"normal\", \"attack\"]"));

        Assert.Contains("maps every value of the label's domain [normal, attack] to the negative class", error.Message);
    }

    [Fact]
    public void BooleanLikeLabels_MatchInAnyCase_ButOtherValuesOnlyExactly()
    {
        var booleans = Spec("\"positiveValue\": \"TRUE\"", ", \"domain\": [\"TRUE\", \"FALSE\"]");
        Assert.Equal([true, false, true, false], Labels(booleans, "bytes,attack\n1,True\n2,false\n3,TRUE\n4,False\n"));

        var yesNo = Spec("\"positiveValue\": \"yes\"");
        Assert.Equal([true, false], Labels(yesNo, "bytes,attack\n1,Yes\n2,NO\n"));

        var names = Spec("\"negativeValues\": [\"normal\"]", ", \"domain\": [\"normal\", \"neptune\"]");
        var error = Assert.Throws<DataException>(() => Labels(names, "bytes,attack\n1,Normal\n"));
        Assert.Contains("found 'Normal', which is not one of the allowed values [normal, neptune]", error.Message);
    }

    [Fact]
    public void ValidateData_ReportsEachLabelValueWithItsClass_AndWarnsWhenManyValuesAreLumpedAgainstOne()
    {
        var report = Validate(Spec("\"negativeValues\": [\"normal\"]"), Traffic + "6,normal\n7,normal\n");

        var mapping = Assert.Single(report.Anomalies, a => a.Kind == "label-mapping");
        Assert.Equal(Severity.Info, mapping.Severity);
        Assert.Contains("mapped by negativeValues (positive: anything but 'normal')", mapping.Message);
        Assert.Contains("positive 'guess_passwd' (1), 'neptune' (1), 'smurf' (1); negative 'normal' (4)", mapping.Message);
        var lumping = Assert.Single(report.Anomalies, a => a.Kind == "label-lumping");
        Assert.Equal(Severity.Warning, lumping.Severity);
        Assert.Contains("'guess_passwd' (1), 'neptune' (1), 'smurf' (1) are lumped together as the positive class against 'normal'", lumping.Message);
        Assert.DoesNotContain(report.Anomalies, a => a.Kind == "positive-majority");
    }

    [Fact]
    public void ValidateData_WarnsWhenThePositiveClassIsTheMajority()
    {
        var report = Validate(Spec("\"positiveValue\": \"normal\""), "bytes,attack\n1,normal\n2,normal\n3,neptune\n");

        var warning = Assert.Single(report.Anomalies, a => a.Kind == "positive-majority");
        Assert.Equal(Severity.Warning, warning.Severity);
        Assert.Contains("The positive class ('normal' in 'attack') is the majority: 2 of 3 rows (66.67 %)", warning.Message);
        Assert.Contains("F1 and PR AUC describe that class", warning.Message);
        Assert.DoesNotContain(report.Anomalies, a => a.Kind == "label-lumping");
    }

    [Fact]
    public void TwoValuedLabel_IsNotCalledLumped()
    {
        var report = Validate(Spec("\"positiveValue\": \"1\""), "bytes,attack\n1,0\n2,0\n3,1\n");

        Assert.DoesNotContain(report.Anomalies, a => a.Kind is "label-lumping" or "positive-majority");
        Assert.Contains("positive '1' (1); negative '0' (2)", Assert.Single(report.Anomalies, a => a.Kind == "label-mapping").Message);
    }

    [Fact]
    public void SpecWithoutSource_LoadsWithData_AndWithoutDataSaysToGiveIt()
    {
        var spec = Spec("\"negativeValues\": [\"normal\"]");

        Assert.Equal(5, Labels(spec, Traffic).Length);
        var error = Assert.Throws<DataException>(() => DataSource.Open(spec, RepositoryRoot.Path, null));
        Assert.Equal("The dataset 'traffic' has no source in traffic.json; give --data <csv> (or add \"source\": {\"path\": …} to the spec).", error.Message);
    }

    [Fact]
    public void SourceWithBothPathAndSimulator_IsASpecError()
    {
        var error = Assert.Throws<DataException>(() => Spec("\"positiveValue\": \"1\", \"source\": { \"path\": \"x.csv\", \"simulator\": { \"kind\": \"ai4i2020\" } }"));

        Assert.Contains("sets both \"path\" and \"simulator\" in \"source\"", error.Message);
    }

    private static ValidationReport Validate(DatasetSpec spec, string csv)
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("traffic.csv", csv);
        using var source = DataSource.Open(spec, directory.Path, file);
        return DataValidator.Validate(spec, source, null);
    }
}
