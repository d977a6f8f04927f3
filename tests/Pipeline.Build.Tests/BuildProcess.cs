using System.Diagnostics;

namespace Pipeline.Build.Tests;

/// <summary>
/// The compiled build (<c>build/bin/Debug/net10.0/_build.dll</c>, compiled first if it is missing or older than any
/// build/*.cs) run as a real process in a scratch checkout, the way <c>./build.sh</c> runs it.
/// </summary>
internal static class BuildProcess
{
    private static readonly string BuildDll = Path.Combine(RepositoryRoot.Path, "build", "bin", "Debug", "net10.0", "_build.dll");
    private static readonly object CompileLock = new();

    /// <summary>A build process started in <paramref name="root"/>; <see cref="Finish"/> waits for it.</summary>
    public sealed class Running(Process process, Task<string> stdout, Task<string> stderr) : IDisposable
    {
        /// <summary>Waits (at most <paramref name="timeout"/>) and returns the exit code and the whole output.</summary>
        public (int ExitCode, string Output) Finish(TimeSpan timeout)
        {
            Assert.True(process.WaitForExit(timeout), $"The build process did not finish within {timeout}.");
            return (process.ExitCode, stdout.Result + stderr.Result);
        }

        /// <inheritdoc/>
        public void Dispose()
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
        }
    }

    /// <summary>Starts the build in <paramref name="root"/> with <paramref name="arguments"/>.</summary>
    public static Running Start(string root, params string[] arguments)
    {
        EnsureCompiled();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(BuildDll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        return new Running(process, process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
    }

    /// <summary>Runs the build in <paramref name="root"/> to its end (at most 2 minutes).</summary>
    public static (int ExitCode, string Output) Run(string root, params string[] arguments)
    {
        using var running = Start(root, arguments);
        return running.Finish(TimeSpan.FromMinutes(2));
    }

    /// <summary>
    /// Makes <paramref name="root"/> a checkout the build can run in without touching the repository's own
    /// artifacts/ and registry: .nuke/ (its parameter files), data/ and models/ (without the local registry).
    /// </summary>
    public static void PrepareCheckout(string root, bool withModels = true)
    {
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, ".nuke"), "*.json"))
            File.Copy(file, Path.Combine(root, ".nuke", Path.GetFileName(file)), overwrite: true);
        CopyTree(Path.Combine(RepositoryRoot.Path, "data"), Path.Combine(root, "data"), skip: null);
        if (withModels) CopyTree(Path.Combine(RepositoryRoot.Path, "models"), Path.Combine(root, "models"), skip: "registry");
    }

    private static void CopyTree(string from, string to, string? skip)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        foreach (var folder in Directory.GetDirectories(from))
            if (Path.GetFileName(folder) != skip) CopyTree(folder, Path.Combine(to, Path.GetFileName(folder)), skip);
    }

    private static void EnsureCompiled()
    {
        lock (CompileLock)
        {
            var newestSource = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "build"), "*.cs").Max(File.GetLastWriteTimeUtc);
            if (File.Exists(BuildDll) && File.GetLastWriteTimeUtc(BuildDll) >= newestSource) return;
            var start = new ProcessStartInfo("dotnet", ["build", Path.Combine(RepositoryRoot.Path, "build", "_build.csproj"), "-nologo", "-v", "quiet"])
            {
                WorkingDirectory = RepositoryRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)) && process.ExitCode == 0, "dotnet build build/_build.csproj failed: " + output.Result);
        }
    }
}
