using Pipeline.Data;

namespace Pipeline.Monitoring.Tests;

public sealed class DriftSettingsTests
{
    [Fact]
    public void MissingFile_GivesTheDefaults()
    {
        var settings = DriftSettings.LoadOrDefault(Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "drift.json"));

        Assert.Null(settings.PsiThreshold);
        Assert.Equal(0.01, settings.FalseAlarmRate);
        Assert.Equal(2000, settings.Resamples);
        Assert.Equal(10, settings.Bins);
        Assert.Equal(100, settings.MinimumRows);
        Assert.Equal(1, settings.MinimumDriftedFeatures);
        Assert.Empty(settings.FeatureThresholds);
        Assert.Null(settings.Source);
    }

    [Fact]
    public void File_WithCommentsAndEveryKey_IsRead()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.Write("drift.json", """
            {
              // the temperatures wander with the weather
              "psiThreshold": 0.25,
              "bins": 20,
              "minimumRows": 500,
              "minimumDriftedFeatures": 2,
              "featureThresholds": { "Air temperature [K]": 0.4 },
            }
            """);

        var settings = DriftSettings.LoadOrDefault(path);

        Assert.Equal(0.25, settings.PsiThreshold);
        Assert.Equal(20, settings.Bins);
        Assert.Equal(500, settings.MinimumRows);
        Assert.Equal(2, settings.MinimumDriftedFeatures);
        Assert.Equal(0.4, settings.ThresholdFor("Air temperature [K]"));
        Assert.Equal(0.25, settings.ThresholdFor("Torque [Nm]"));
        Assert.Equal(path, settings.Source);
    }

    [Fact]
    public void FalseAlarmRateAndResamples_AreRead()
    {
        var settings = DriftSettings.Parse("""{ "falseAlarmRate": 0.05, "resamples": 500 }""", "drift.json");

        Assert.Equal(0.05, settings.FalseAlarmRate);
        Assert.Equal(500, settings.Resamples);
        Assert.Null(settings.ThresholdFor("Torque [Nm]"));
    }

    [Fact]
    public void OnlySomeKeys_KeepTheOtherDefaults()
    {
        var settings = DriftSettings.Parse("""{ "bins": 5 }""", "drift.json");

        Assert.Equal(5, settings.Bins);
        Assert.Null(settings.PsiThreshold);
        Assert.Equal(0.01, settings.FalseAlarmRate);
    }

    [Theory]
    [InlineData("""{ "psiTreshold": 0.2 }""", "unknown setting 'psiTreshold'")]
    [InlineData("""{ "psiThreshold": -0.1 }""", "psiThreshold = -0.1; expected a positive number")]
    [InlineData("""{ "psiThreshold": "high" }""", "psiThreshold = \"high\"; expected a positive number")]
    [InlineData("""{ "falseAlarmRate": 0 }""", "falseAlarmRate = 0; expected a probability above 0 and below 0.5")]
    [InlineData("""{ "falseAlarmRate": 5 }""", "falseAlarmRate = 5; expected a probability")]
    [InlineData("""{ "resamples": 10 }""", "resamples = 10; expected a whole number from 100 to 1000000")]
    [InlineData("""{ "bins": 1 }""", "bins = 1; expected a whole number from 2 to 1000")]
    [InlineData("""{ "bins": 2.5 }""", "bins = 2.5; expected a whole number")]
    [InlineData("""{ "minimumRows": 0 }""", "minimumRows = 0; expected a whole number at least 1")]
    [InlineData("""{ "minimumDriftedFeatures": null }""", "minimumDriftedFeatures = null")]
    [InlineData("""{ "featureThresholds": [0.3] }""", "featureThresholds = [0.3]; expected an object")]
    [InlineData("""{ "featureThresholds": { "Torque [Nm]": 0 } }""", "featureThresholds.Torque [Nm] = 0; expected a positive number")]
    [InlineData("""[ 0.2 ]""", "are a JSON array; expected an object")]
    [InlineData("""{ "bins": 10 """, "are not valid JSON")]
    public void BadSettings_AreAnErrorNamingTheFileAndTheSetting(string json, string expected)
    {
        var error = Assert.Throws<DataException>(() => DriftSettings.Parse(json, "models/x/drift.json"));

        Assert.Contains("models/x/drift.json", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.Equal("models/x/drift.json", error.FilePath);
    }
}
