using System.Text.RegularExpressions;
using Pipeline.Data.Features;

namespace Pipeline.Monitoring.Tests;

public sealed class DriftReportTests
{
    private static DriftResult TorqueShifted(float[]? referenceScores = null, float[]? currentScores = null) =>
        DriftDetector.Compare(
            DriftSamples.Synthetic(1_000, 1),
            DriftSamples.Synthetic(1_000, 2, (numeric, _) => numeric["Torque [Nm]"] = numeric["Torque [Nm]"].Select(t => t + 30).ToArray()),
            new DriftSettings(), referenceScores, currentScores);

    [Fact]
    public void Html_HasOneSvgPerFeature_AndATableRowPerFeature()
    {
        var result = TorqueShifted();

        var html = DriftReport.ToHtml(result);

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Equal(result.Features.Count, Regex.Matches(html, "<svg ").Count);
        Assert.Equal(result.Features.Count + 1, Regex.Matches(html, "<tr").Count);
        Assert.Contains("Drift detected", html);
        // Every bin gets a reference bar and a current bar.
        Assert.Equal(2 * result.Features.Sum(f => f.Histogram.Bins.Count), Regex.Matches(html, "<rect ").Count);
    }

    [Fact]
    public void Html_ListsDriftedFeaturesFirstAndMarksThem()
    {
        var html = DriftReport.ToHtml(TorqueShifted());

        var sections = Regex.Matches(html, "<section[^>]*><h3>([^<]*)").Select(m => m.Groups[1].Value.Trim()).ToList();
        Assert.Equal("Torque [Nm]", sections[0]);
        Assert.Contains("<section class=\"drifted\"><h3>Torque [Nm] <span class=\"drift\">— drifted</span>", html);
        Assert.Single(Regex.Matches(html, "<tr class=\"drifted\">"));
    }

    [Fact]
    public void Html_IsSelfContained()
    {
        var html = DriftReport.ToHtml(TorqueShifted());

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("http://", html.Replace("xmlns=\"http://www.w3.org/2000/svg\"", ""));
        Assert.DoesNotContain("https://", html);
    }

    [Fact]
    public void Html_EscapesColumnNamesAndBinLabels()
    {
        var spec = DriftSamples.Spec with
        {
            Columns = DriftSamples.Spec.Columns.Select(c => c.Name == "Type" ? c with { Name = "<b>Type & \"kind\"</b>" } : c).ToList(),
            DerivedFeatures = [],
        };
        FeatureSample Sample(int seed) => FeatureSample.FromColumns(spec, "<script>alert(1)</script>",
            DriftSamples.NumericColumns.ToDictionary(c => c, c => DriftSamples.Synthetic(200, seed).Numeric(c)),
            new Dictionary<string, string[]> { ["<b>Type & \"kind\"</b>"] = Enumerable.Range(0, 200).Select(i => i % 2 == 0 ? "<i>" : "a&b").ToArray() });

        var html = DriftReport.ToHtml(DriftDetector.Compare(Sample(1), Sample(2), new DriftSettings()));

        Assert.DoesNotContain("<b>Type", html);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<i>", html);
        Assert.Contains("&lt;b&gt;Type &amp; &quot;kind&quot;&lt;/b&gt;", html);
        Assert.Contains("&lt;i&gt;", html);
        Assert.Contains("a&amp;b", html);
    }

    [Fact]
    public void Html_ShowsTheScoreDriftWhenScored()
    {
        var scores = Enumerable.Range(0, 1_000).Select(i => i / 1_000f).ToArray();

        var html = DriftReport.ToHtml(TorqueShifted(scores, scores.Select(s => s * s).ToArray()));

        Assert.Contains("<h2>Model score</h2>", html);
        Assert.Contains("model score (prediction)", html);
        Assert.Equal(7, Regex.Matches(html, "<svg ").Count);
    }
}
