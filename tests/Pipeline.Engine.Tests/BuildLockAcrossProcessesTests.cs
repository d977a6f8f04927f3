using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Pipeline.Engine.Tests;

/// <summary>
/// The build lock between real processes: SampleBuild holds it while its target waits; a second process with
/// --no-wait fails naming the holder's pid; after kill -9 of the holder the kernel has released the lock and the
/// next build runs at once.
/// </summary>
public sealed class BuildLockAcrossProcessesTests : EngineTest
{
    private sealed class QuickBuild : NukeBuild
    {
        Target Write => _ => _.Executes(() => Log.Information("wrote"));
    }

    [SkippableFact]
    public async Task AHolderKilledWithSigkill_LeavesNoStaleLock_WhileAliveItStopsANoWaitBuildNamingItsPid()
    {
        var posix = !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
        if (!posix && Environment.GetEnvironmentVariable("CI") != "true")
            Skip.If(true, "the test kills the holder with kill -9, which needs a POSIX system");
        Assert.True(posix, "CI must run this test on a POSIX system");

        using var holder = Start("Wait", "--root", Root.Path);
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        holder.OutputDataReceived += (_, e) => { if (e.Data?.Contains("waiting for Ctrl+C") == true) waiting.TrySetResult(); };
        holder.BeginOutputReadLine();
        try
        {
            await waiting.Task.WaitAsync(TimeSpan.FromSeconds(30));

            using var refused = Start("Wait", "--root", Root.Path, "--no-wait");
            var refusedOutput = await refused.StandardOutput.ReadToEndAsync();
            await refused.WaitForExitAsync();

            Assert.Equal(ExitCode.TargetFailed, refused.ExitCode);
            Assert.Contains($"Another build (pid {holder.Id}) holds", refusedOutput);

            using (var kill = Process.Start("kill", ["-9", holder.Id.ToString()])) await kill.WaitForExitAsync();
            await holder.WaitForExitAsync();

            var next = await Engine.Run<QuickBuild>(Root, "Write", "--no-wait").WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(ExitCode.Success, next.ExitCode);
            Assert.Contains("wrote", next.Output);
        }
        finally
        {
            if (!holder.HasExited) holder.Kill(entireProcessTree: true);
        }
    }

    private static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SampleBuild.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }
}
