using System.Diagnostics;

namespace Pipeline.Delivery.Tests.Monitoring;

/// <summary>Debian's prometheus tools (promtool, amtool, alertmanager), run as processes.</summary>
public static class MonitoringTools
{
    public const string Promtool = "/usr/bin/promtool";
    public const string Amtool = "/usr/bin/amtool";
    public const string Alertmanager = "/usr/bin/prometheus-alertmanager";

    /// <summary>Skips locally (fails on CI) when <paramref name="tool"/> is missing.</summary>
    public static void Require(string tool) =>
        SkipLocally.Unless(File.Exists(tool), $"{tool} is not installed (apt-get install prometheus prometheus-alertmanager; .ci/prometheus.sh does it on CI)");

    /// <summary>Runs <paramref name="tool"/> in <paramref name="directory"/>; returns its exit code and output.</summary>
    public static (int ExitCode, string Output) Run(string tool, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
