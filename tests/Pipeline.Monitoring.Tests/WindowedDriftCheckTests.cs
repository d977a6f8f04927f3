using System.Globalization;
using System.Text;
using System.Text.Json;
using Pipeline.Data;
using Pipeline.Data.Features;
using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Steps;

namespace Pipeline.Monitoring.Tests;

/// <summary>
/// CheckDrift --window as the target runs it: an inference log with timestamps, checked hour by hour with the
/// production model's estimate per window, written to report.json and report.html, and recorded on the version.
/// </summary>
public class WindowedDriftCheckTests
{
    static readonly DateTimeOffset Start = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    // Two quiet hours, then two hours of hot-ambient traffic, 600 records an hour.
    static void WriteLog(string directory)
    {
        var quiet = DriftSamples.Simulated(1_200, 7);
        var hot = DriftSamples.Simulated(1_200, 8, "hot-ambient");
        var text = new StringBuilder();
        for (var i = 0; i < 2_400; i++)
        {
            var (sample, row) = i < 1_200 ? (quiet, i) : (hot, i - 1_200);
            var time = Start.AddSeconds(i * 6).ToString("O", CultureInfo.InvariantCulture);
            var numbers = string.Join(",", DriftSamples.NumericColumns.Select(c => $"\"{c}\":{sample.Numeric(c)[row].ToString(CultureInfo.InvariantCulture)}"));
            text.Append(CultureInfo.InvariantCulture, $$$"""{"time":"{{{time}}}","modelVersion":"1","features":{"Type":"{{{sample.Categories("Type")[row]}}}",{{{numbers}}}}}""").Append('\n');
        }
        File.WriteAllText(Path.Combine(directory, "inference-20261123T080000-000000.jsonl"), text.ToString());
    }

    // Undrifted simulator rows as a CSV in the dataset's format (no timestamps).
    static string SimulatedCsv(string directory, int rows)
    {
        var csv = Path.Combine(directory, "current.csv");
        using var writer = new StreamWriter(csv);
        new Pipeline.Data.Simulation.Ai4iSimulator(rows, 5, Pipeline.Data.Simulation.DriftScenario.Parse(null)).WriteCsv(writer);
        return csv;
    }

    [Fact]
    public void HourlyWindows_ShowWhenTheDriftBegan_InTheReport_AndTheCheckIsRecordedOnTheProductionVersion()
    {
        using var root = new TemporaryDirectory();
        SimulatedData.WriteConfiguration(root.Path, SimulatedData.FastConfiguration);
        var data = SimulatedData.Load();
        var ops = new LifecycleSteps(root.Path, "ai4i2020");
        ops.Train(data);
        ops.Evaluate(data, isEmbeddedDefault: true, onMissingSnapshot: MissingSnapshotPolicy.Warn);
        ops.Register(data);
        var log = Directory.CreateDirectory(Path.Combine(root.Path, "log")).FullName;
        WriteLog(log);
        var check = new DriftCheck(root.Path, "ai4i2020");

        var result = check.Run(data, DriftCheck.OpenCurrent(DriftSamples.Spec, log), WindowSpec.Parse("1h"));

        var windows = result.Windows!;
        var seen = string.Join("\n", windows.Select((w, i) => w.Describe(i) + ": " + string.Join(", ", w.Check!.Features.Select(f => $"{f.Column} {f.Psi:F3}/{f.Threshold:F3}"))))
            + "\nwhole: " + string.Join(", ", result.Features.Select(f => $"{f.Column} {f.Psi:F3}/{f.Threshold:F3}"));
        Assert.Equal(new[] { Start, Start.AddHours(1), Start.AddHours(2), Start.AddHours(3) }, windows.Select(w => w.Slice.Start!.Value));
        Assert.All(windows, w => Assert.Equal(600, w.Rows));
        Assert.True(new[] { "no drift", "no drift", "drift", "drift" }.SequenceEqual(windows.Select(w => w.Verdict)), seen);
        Assert.All(windows.Skip(2), w => Assert.Contains("Air temperature [K]", w.Check!.Drifted.Select(f => f.Column)));
        Assert.All(windows, w => Assert.NotNull(w.Check!.EstimatedPerformance));

        using (var report = JsonDocument.Parse(File.ReadAllText(check.ReportJsonPath)))
        {
            Assert.Equal("1h", report.RootElement.GetProperty("window").GetString());
            var json = report.RootElement.GetProperty("windows");
            Assert.Equal(4, json.GetArrayLength());
            var third = json[2];
            Assert.Equal(Start.AddHours(2), third.GetProperty("start").GetDateTimeOffset());
            Assert.Equal(Start.AddHours(3), third.GetProperty("end").GetDateTimeOffset());
            Assert.Equal(600, third.GetProperty("rows").GetInt32());
            Assert.Contains("Air temperature [K]", third.GetProperty("driftedFeatures").EnumerateArray().Select(e => e.GetString()));
            var air = third.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("column").GetString() == "Air temperature [K]");
            Assert.True(air.GetProperty("psi").GetDouble() > air.GetProperty("threshold").GetDouble());
            var f1 = third.GetProperty("estimatedPerformance").GetProperty("f1");
            Assert.InRange(f1.GetProperty("estimate").GetDouble(), f1.GetProperty("low").GetDouble(), f1.GetProperty("high").GetDouble());
            Assert.Equal(JsonValueKind.Object, third.GetProperty("score").ValueKind);
        }
        var html = File.ReadAllText(check.ReportHtmlPath);
        Assert.Contains("Over time: 4 window(s) of 1h", html);
        Assert.Contains("Estimated F1 per window", html);
        Assert.Contains("window start (UTC)", html);
        Assert.Contains("stroke-dasharray", html); // the threshold line
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));

        var facts = new LifecycleFacts(ops.Paths, new StepLog(_ => { }, _ => { }));
        facts.DriftChecked(result.DriftDetected, result.Drifted.Select(f => f.Column).ToList(), result.CurrentDescription, check.ReportJsonPath,
            DriftWindow.Summary(result.EstimatedPerformance!), result.Window!.Text, windows.Select(w => w.ToSummary()).ToList());
        var production = ops.Registry.Stages.Production!.Value;
        var history = DriftHistory.Of(ops.Paths.OpenRegistry(), production);
        var recorded = Assert.Single(history.Checks);
        Assert.Equal(result.DriftDetected ? "drift" : "no drift", recorded.Verdict); // the whole data's verdict, whatever the windows say
        Assert.Equal("1h", recorded.Window);
        Assert.Equal(new[] { "no drift", "no drift", "drift", "drift" }, recorded.Windows!.Select(w => w.Verdict));
        Assert.Equal(Start.AddHours(2), recorded.Windows![2].Start);
        Assert.Equal(result.EstimatedPerformance!.F1.Estimate, recorded.EstimatedF1!.Estimate, 12);
        Assert.Equal(windows[3].Check!.EstimatedPerformance!.F1.Estimate, recorded.Windows[3].EstimatedF1!.Estimate, 12);
        Assert.Contains("4 window(s) of 1h, 2 drifted:", history.ToText());
        Assert.Equal(production, Assert.Single(DriftHistory.All(ops.Paths.OpenRegistry())).Version);
    }

    [Fact]
    public void ATimeWindowOnACsv_IsRefusedBeforeAnyCheck_SayingTheCsvHasNoTimestamps()
    {
        using var root = new TemporaryDirectory();
        var csv = SimulatedCsv(root.Path, 500);
        var check = new DriftCheck(root.Path, "ai4i2020");

        var error = Assert.Throws<DataException>(() => check.Run(SimulatedData.Load(), DriftCheck.OpenCurrent(SimulatedData.Spec(), csv), WindowSpec.Parse("1h")));

        Assert.Contains("--window 1h", error.Message);
        Assert.Contains("has no timestamps", error.Message);
        Assert.Contains("rows", error.Message);
        Assert.False(File.Exists(check.ReportJsonPath));
    }

    [Fact]
    public void ACheckWithoutAWindow_WritesNoWindows()
    {
        using var root = new TemporaryDirectory();
        var check = new DriftCheck(root.Path, "ai4i2020");

        var result = check.Run(SimulatedData.Load(), DriftSamples.Simulated(1_000, 9));

        Assert.Null(result.Windows);
        using var report = JsonDocument.Parse(File.ReadAllText(check.ReportJsonPath));
        Assert.False(report.RootElement.TryGetProperty("windows", out _));
        Assert.DoesNotContain("Over time", File.ReadAllText(check.ReportHtmlPath));
    }

    [Fact]
    public void ARowWindowOnACsv_ChecksItInChunks()
    {
        using var root = new TemporaryDirectory();
        var csv = SimulatedCsv(root.Path, 1_000);
        var check = new DriftCheck(root.Path, "ai4i2020");

        var result = check.Run(SimulatedData.Load(), DriftCheck.OpenCurrent(SimulatedData.Spec(), csv), WindowSpec.Parse("400"));

        Assert.Equal(new[] { 400, 400, 200 }, result.Windows!.Select(w => w.Rows));
        Assert.All(result.Windows!, w => Assert.Null(w.Slice.Start));
        using var report = JsonDocument.Parse(File.ReadAllText(check.ReportJsonPath));
        Assert.Equal(JsonValueKind.Null, report.RootElement.GetProperty("windows")[0].GetProperty("start").ValueKind);
        Assert.Contains("window (in order)", File.ReadAllText(check.ReportHtmlPath));
    }
}
