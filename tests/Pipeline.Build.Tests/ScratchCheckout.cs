using System.Diagnostics;

namespace Pipeline.Build.Tests;

/// <summary>
/// A scratch repository root holding copies of the repository's dataset specs (data/*.json) and, when asked, a
/// dataset's committed model settings (models/&lt;dataset&gt;/*.json), in which the compiled build
/// (build/bin/Debug/net10.0/_build.dll) runs as a real process — so the repository's own artifacts/ are untouched.
/// </summary>
internal sealed class ScratchCheckout : IDisposable
{
    public static readonly string BuildDll = System.IO.Path.Combine(RepositoryRoot.Path, "build", "bin", "Debug", "net10.0", "_build.dll");

    private static readonly object CompileLock = new();
    private readonly TemporaryDirectory _directory = new();

    public ScratchCheckout(params string[] modelsOf)
    {
        EnsureBuildIsCompiled();
        Directory.CreateDirectory(System.IO.Path.Combine(Path, ".nuke"));
        Directory.CreateDirectory(System.IO.Path.Combine(Path, "data"));
        foreach (var spec in Directory.GetFiles(System.IO.Path.Combine(RepositoryRoot.Path, "data"), "*.json"))
            File.Copy(spec, System.IO.Path.Combine(Path, "data", System.IO.Path.GetFileName(spec)));
        foreach (var dataset in modelsOf)
        {
            var target = Directory.CreateDirectory(System.IO.Path.Combine(Path, "models", dataset)).FullName;
            foreach (var file in Directory.GetFiles(System.IO.Path.Combine(RepositoryRoot.Path, "models", dataset), "*.json"))
                if (!file.EndsWith(".received.json", StringComparison.Ordinal)) File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)));
        }
    }

    public string Path => _directory.Path;

    public string Write(string relativePath, string content) => _directory.Write(relativePath, content);

    /// <summary>Runs the build with <paramref name="arguments"/>; <paramref name="environment"/> is added to the test process's own.</summary>
    public (int ExitCode, string Output) Run(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(BuildDll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "The build process did not finish within 3 minutes.");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public (int ExitCode, string Output) Run(params string[] arguments) => Run(null, arguments);

    private static void EnsureBuildIsCompiled()
    {
        lock (CompileLock)
        {
            var newest = Directory.GetFiles(System.IO.Path.Combine(RepositoryRoot.Path, "build"), "*.cs").Max(File.GetLastWriteTimeUtc);
            if (File.Exists(BuildDll) && File.GetLastWriteTimeUtc(BuildDll) >= newest) return;
            var start = new ProcessStartInfo("dotnet", ["build", System.IO.Path.Combine(RepositoryRoot.Path, "build", "_build.csproj"), "-nologo", "-v", "quiet"])
            {
                WorkingDirectory = RepositoryRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)) && process.ExitCode == 0, "dotnet build build/_build.csproj failed: " + output.Result);
        }
    }

    public void Dispose() => _directory.Dispose();
}
