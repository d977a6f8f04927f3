using Pipeline.Modeling.Cards;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Steps;
using Pipeline.Monitoring;

namespace Pipeline.Monitoring.Tests;

/// <summary>artifacts/index.html is rebuilt from every dataset's folder, so one dataset's run never drops another's reports.</summary>
public sealed class ReportIndexTests
{
    [Fact]
    public void Index_ListsTheReportsOfEveryDatasetOnDisk_WithTheirVerdicts()
    {
        using var root = new TemporaryDirectory();
        var a = new Workspace(root.Path, "alpha");
        var b = new Workspace(root.Path, "beta");
        Write(a.ReportPath, "<html></html>");
        Write(a.MetricsPath, """{ "runId": "r", "gatePassed": false, "f1": 0.5 }""");
        Write(b.DriftReportHtmlPath, "<html></html>");
        Write(b.DriftReportJsonPath, """{ "driftDetected": true, "driftedFeatures": ["Torque"] }""");
        Write(b.ModelCardHtmlPath, "<html></html>");
        new RenderedCard(2, ModelStage.Production, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, "not checked yet", []).Write(b.RenderedCardPath);
        Directory.CreateDirectory(new Workspace(root.Path, "gamma").TrainingDirectory);

        var path = ReportIndex.Write(root.Path);

        var reports = ReportIndex.Scan(root.Path);
        Assert.Equal(
            [("alpha", "evaluation", "alpha/evaluation/report.html", "gate failed, F1 0.5", ReportStatus.Bad),
             ("beta", "drift", "beta/drift/report.html", "drift in Torque", ReportStatus.Bad),
             ("beta", "model card", "beta/model-card/model-card.html", "v2, production; drift: not checked yet", ReportStatus.Good)],
            reports.Select(r => (r.Dataset, r.Report, r.Page, r.Verdict, r.Status)));
        var html = File.ReadAllText(path);
        Assert.Equal(a.ReportIndexPath, path);
        Assert.Contains("<a href=\"alpha/evaluation/report.html\">evaluation</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"beta/model-card/model-card.html\">model card</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("gamma", html, StringComparison.Ordinal);
    }

    static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
