using System.Diagnostics;

namespace Pipeline.Build.Tests;

/// <summary>
/// <c>build.sh</c> run as a real process in a scratch copy of what it compiles from (build/, src/, the root's props and
/// global.json; no bin/ or obj/), so that it compiles from scratch, as on a fresh clone, without touching this checkout.
/// </summary>
internal sealed class BootstrapperScript : IDisposable
{
    private static readonly string[] RootFiles = ["build.sh", "global.json", "Directory.Build.props", "Directory.Packages.props"];
    private readonly TemporaryDirectory _directory = new("bootstrapper-");

    public string Root => _directory.Path;

    /// <summary>A scratch root with only build.sh and global.json (for the paths that end before any compile).</summary>
    public static BootstrapperScript Bare()
    {
        var script = new BootstrapperScript();
        foreach (var file in new[] { "build.sh", "global.json" }) File.Copy(Path.Combine(RepositoryRoot.Path, file), script._directory[file]);
        return script;
    }

    /// <summary>A scratch root with everything build/_build.csproj is compiled from.</summary>
    public static BootstrapperScript Sources()
    {
        var script = new BootstrapperScript();
        foreach (var file in RootFiles) File.Copy(Path.Combine(RepositoryRoot.Path, file), script._directory[file]);
        foreach (var folder in new[] { "build", "src", ".nuke" }) CopySources(Path.Combine(RepositoryRoot.Path, folder), script._directory[folder]);
        return script;
    }

    /// <summary>Starts <c>bash build.sh</c> with <paramref name="arguments"/>; <paramref name="environment"/> is added to (or, with a null value, removed from) this process's.</summary>
    public Process Start(IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Root, "build.sh"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // No MSBuild node or build server outlives the test's processes.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        return Process.Start(start)!;
    }

    /// <summary>Runs <c>bash build.sh</c> to its end (at most <paramref name="timeout"/>): exit code, stdout + stderr, wall time.</summary>
    public (int ExitCode, string Output, TimeSpan Elapsed) Run(TimeSpan timeout, IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        var watch = Stopwatch.StartNew();
        using var process = Start(environment, arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"build.sh {string.Join(' ', arguments)} did not finish within {timeout}; output so far: {stdout.Result}{stderr.Result}");
        }
        return (process.ExitCode, stdout.Result + stderr.Result, watch.Elapsed);
    }

    /// <summary>
    /// Starts <c>bash build.sh</c> and returns its first line of output, then kills it (and its children): for what a run
    /// decides before it does anything long.
    /// </summary>
    public string FirstLine(params string[] arguments)
    {
        using var process = Start(null, arguments);
        var line = process.StandardOutput.ReadLine() ?? "";
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        return line;
    }

    /// <summary>Waits (at most <paramref name="timeout"/>) for the background ReadyToRun compile a compiling run started, if any.</summary>
    public void WaitForBackgroundWork(TimeSpan timeout)
    {
        var pidFile = _directory[".nuke/temp/engine-r2r.pid"];
        var watch = Stopwatch.StartNew();
        while (File.Exists(pidFile) && watch.Elapsed < timeout)
        {
            if (!int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) || !IsRunning(pid)) return;
            Thread.Sleep(500);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var folder in Directory.GetDirectories(from))
        {
            var name = Path.GetFileName(folder);
            if (name is "bin" or "obj" or "temp" or "state") continue;
            CopySources(folder, Path.Combine(to, name));
        }
    }

    public void Dispose() => _directory.Dispose();
}
