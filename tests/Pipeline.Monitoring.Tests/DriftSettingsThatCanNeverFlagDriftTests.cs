using Pipeline.Data;

namespace Pipeline.Monitoring.Tests;

/// <summary>
/// drift.json settings that would make the check silently unable to find drift, or silently drop what was written,
/// are errors naming the file and the setting rather than a "No drift" verdict.
/// </summary>
public sealed class DriftSettingsThatCanNeverFlagDriftTests
{
    [Fact]
    public void MinimumDriftedFeatures_AboveTheNumberOfFeatures_IsAnErrorNamingTheSetting_NotANoDriftVerdict()
    {
        var reference = DriftSamples.Synthetic(1_000, 1);
        var shifted = DriftSamples.Synthetic(1_000, 2, (numeric, _) =>
        {
            foreach (var column in DriftSamples.NumericColumns)
                numeric[column] = numeric[column].Select(v => v + 1_000).ToArray();
        });
        var settings = DriftSettings.Parse("""{ "minimumDriftedFeatures": 99 }""", "models/ai4i2020/drift.json");

        var error = Assert.Throws<DataException>(() => DriftDetector.Compare(reference, shifted, settings));

        Assert.Contains("models/ai4i2020/drift.json", error.Message);
        Assert.Contains("minimumDriftedFeatures", error.Message);
        Assert.Contains("99", error.Message);
        Assert.Contains($"{reference.Columns.Count} feature", error.Message);
    }

    [Fact]
    public void MinimumDriftedFeatures_EqualToTheNumberOfFeatures_IsAccepted()
    {
        var sample = DriftSamples.Synthetic(1_000, 1);
        var settings = DriftSettings.Parse($$"""{ "minimumDriftedFeatures": {{sample.Columns.Count}} }""", "drift.json");

        var result = DriftDetector.Compare(sample, sample, settings);

        Assert.False(result.DriftDetected);
    }

    [Theory]
    [InlineData("""{ "psiThreshold": 0.2, "psiThreshold": 5 }""", "psiThreshold")]
    [InlineData("""{ "featureThresholds": { "Torque [Nm]": 0.3, "Torque [Nm]": 9 } }""", "featureThresholds.Torque [Nm]")]
    public void ASettingGivenTwice_IsAnErrorNamingIt_InsteadOfTheLastOneSilentlyWinning(string json, string setting)
    {
        var error = Assert.Throws<DataException>(() => DriftSettings.Parse(json, "models/ai4i2020/drift.json"));

        Assert.Contains("models/ai4i2020/drift.json", error.Message);
        Assert.Contains($"'{setting}'", error.Message);
        Assert.Contains("twice", error.Message);
    }
}
