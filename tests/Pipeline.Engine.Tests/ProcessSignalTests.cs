using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Pipeline.Engine.Tests;

/// <summary>Ctrl+C through a real process: SampleBuild is started, sent SIGINT, and must print its summary and exit 130.</summary>
public sealed class ProcessSignalTests : EngineTest
{
    [SkippableFact]
    public async Task Sigint_CancelsTheRunningTarget_PrintsTheSummary_AndExits130()
    {
        var canSignal = !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        SkipLocally.Unless(canSignal, "sending SIGINT to a child process needs a POSIX system (the test uses kill -INT)");

        var sample = Path.Combine(AppContext.BaseDirectory, "SampleBuild.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (SigintIgnoredHere())
        {
            // Started in the background by a non-interactive shell (as a CI runner may start its script), this process
            // and every child inherit SIGINT as ignored, and a runtime that finds it ignored rightly never sees Ctrl+C.
            // The build is then started through python3 with SIGINT back at its default, as a terminal would have it.
            start.FileName = "python3";
            foreach (var argument in new[] { "-c", "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])", "dotnet" })
                start.ArgumentList.Add(argument);
        }
        foreach (var argument in new[] { sample, "Next", "--root", Root.Path }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            if (e.Data.Contains("waiting for Ctrl+C")) waiting.TrySetResult();
        };
        process.BeginOutputReadLine();
        var errors = process.StandardError.ReadToEndAsync();

        try
        {
            await waiting.Task.WaitAsync(TimeSpan.FromSeconds(30));
            using (var kill = Process.Start("kill", new[] { "-INT", process.Id.ToString() })) await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        var text = output.ToString();
        Assert.True(process.ExitCode == ExitCode.Cancelled, $"exit code {process.ExitCode}; output:\n{text}\n{await errors}");
        Assert.Contains("Wait was cancelled.", text);
        Assert.Matches(@"Wait\s+Failed\s+0:\d\d\.\d{3}\s+cancelled", text);
        Assert.Matches(@"Next\s+NotRun\s+the build was cancelled", text);
        Assert.Contains("Build cancelled.", text);
        Assert.DoesNotContain("next ran", text);
    }

    // Linux's /proc/self/status lists the ignored signals as a hex mask; SIGINT is signal 2 (bit 1).
    private static bool SigintIgnoredHere()
    {
        var line = File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal)) : null;
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 0b10) != 0;
    }
}
