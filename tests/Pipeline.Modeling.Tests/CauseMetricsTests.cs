using System.Text.Json;
using Pipeline.Modeling.Evaluation;

namespace Pipeline.Modeling.Tests;

/// <summary>Held-out results per cause: occurrences, detections at the threshold, the cause model's own ranking.</summary>
[Collection(CauseModelCollection.Name)]
public class CauseMetricsTests(CauseModelFixture fixture)
{
    [Fact]
    public void EachCause_CountsItsOccurrencesAndThoseAtOrAboveTheThreshold_ThenThePositivesNoCauseExplains()
    {
        //                 row:      0     1     2     3     4     5
        bool[] labels =          [true, true, true, true, false, false];
        float[] probabilities =  [0.9f, 0.4f, 0.7f, 0.2f, 0.1f, 0.6f];
        bool[] wear =            [true, true, false, false, false, false];
        bool[] heat =            [false, false, true, false, false, false];
        float[] wearModel =      [0.8f, 0.3f, 0.1f, 0.1f, 0.2f, 0.05f];

        var result = CauseMetrics.Compute([("TWF", wear), ("HDF", heat)], new Dictionary<string, float[]> { ["TWF"] = wearModel },
            probabilities, labels, threshold: 0.5);

        Assert.Equal(["TWF", "HDF", CauseMetrics.NoListedCause], result.Select(r => r.Cause));
        Assert.Equal((2, 1, 0.5), (result[0].Occurrences, result[0].Detected, result[0].Recall));
        Assert.Equal(1.0, result[0].CauseModelRocAuc); // both wear rows outrank the four others
        Assert.Equal((1, 1), (result[1].Occurrences, result[1].Detected));
        Assert.True(double.IsNaN(result[1].CauseModelRocAuc), "HDF has no cause model here");
        Assert.Equal((1, 0, 0.0), (result[2].Occurrences, result[2].Detected, result[2].Recall)); // row 3
    }

    [Fact]
    public void CauseThatNeverOccurs_HasNoRecallAndNoRocAuc()
    {
        var result = CauseMetrics.Compute([("PWF", [false, false])], new Dictionary<string, float[]> { ["PWF"] = [0.1f, 0.2f] },
            [0.9f, 0.1f], [true, false], threshold: 0.5);

        Assert.Equal(0, result[0].Occurrences);
        Assert.True(double.IsNaN(result[0].Recall));
        Assert.True(double.IsNaN(result[0].CauseModelRocAuc));
    }

    [Fact]
    public void Evaluate_OfAModelWithCauseModels_WritesEveryCauseToMetricsJson_MatchingTheTestSplitsFlags()
    {
        using var metrics = JsonDocument.Parse(File.ReadAllText(fixture.Ops.Paths.MetricsPath));
        var causes = metrics.RootElement.GetProperty("causes");

        Assert.Equal(["HDF", "OSF", "TWF", CauseMetrics.NoListedCause], causes.EnumerateObject().Select(c => c.Name));
        var data = fixture.Features.Data;
        foreach (var column in new[] { "HDF", "OSF", "TWF" })
        {
            var cause = causes.GetProperty(column);
            Assert.Equal(fixture.Features.TestRows.Count(i => data.Boolean(column)[i]), cause.GetProperty("occurrences").GetInt32());
            Assert.InRange(cause.GetProperty("detected").GetInt32(), 0, cause.GetProperty("occurrences").GetInt32());
            Assert.InRange(cause.GetProperty("causeModelRocAuc").GetDouble(), 0.5, 1.0);
        }
        // The heat dissipation rule is sharp: its cause model ranks every HDF row of the test split first.
        Assert.Equal(1.0, causes.GetProperty("HDF").GetProperty("causeModelRocAuc").GetDouble());
        Assert.Contains("<h2>Causes</h2>", File.ReadAllText(fixture.Ops.Paths.ReportPath));
    }
}
