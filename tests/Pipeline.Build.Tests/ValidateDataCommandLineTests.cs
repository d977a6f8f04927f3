using System.Diagnostics;

namespace Pipeline.Build.Tests;

/// <summary>
/// The user's path: <c>./build.sh ValidateData --data &lt;malformed.csv&gt;</c> runs the built build
/// (<c>build/bin/Debug/net10.0/_build.dll</c>, compiled here first if it is missing or older than the data targets)
/// as a real process, and must exit non-zero with a one-paragraph error and no stack trace.
/// </summary>
public sealed class ValidateDataCommandLineTests
{
    private static readonly string BuildDll = Path.Combine(RepositoryRoot.Path, "build", "bin", "Debug", "net10.0", "_build.dll");

    [Fact]
    public void MalformedData_ExitsNonZero_WithOneParagraphNamingFileLineAndColumn()
    {
        EnsureBuildIsCompiled();
        using var directory = new TemporaryDirectory();
        var file = directory.Write("malformed.csv",
            "UDI,Product ID,Type,Air temperature [K],Process temperature [K],Rotational speed [rpm],Torque [Nm],Tool wear [min],Machine failure,TWF,HDF,PWF,OSF,RNF\n" +
            "1,M14860,M,298.1,308.6,1551,42.8,0,0,0,0,0,0,0\n" +
            "2,L47181,L,298.2,308.7,fast,46.3,3,1,0,1,0,0,0\n");

        var (exitCode, output) = Run(directory, "ValidateData", "--data", file);

        Assert.NotEqual(0, exitCode);
        var error = output.Split('\n').Single(l => l.StartsWith("error: Target 'ValidateData' failed:", StringComparison.Ordinal));
        Assert.Contains($"{file}, line 3, column 'Rotational speed [rpm]': expected a number", error);
        Assert.Contains($"Full report: {Path.Combine(directory.Path, "artifacts", "ai4i2020", "validation", "report.md")}", error);
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("Exception", output);
    }

    [Fact]
    public void UnknownDataset_ExitsNonZero_ListingTheKnownSpecs()
    {
        EnsureBuildIsCompiled();
        using var directory = new TemporaryDirectory();

        var (exitCode, output) = Run(directory, "ValidateData", "--dataset", "ai4i2030");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Unknown dataset 'ai4i2030'; known specs: ai4i2020, ecommerce-conversion", output);
        Assert.DoesNotContain("   at ", output);
    }

    // Runs in a scratch root holding a copy of data/ (specs and schemas), so the repository's artifacts/ are untouched.
    private static (int ExitCode, string Output) Run(TemporaryDirectory root, params string[] arguments)
    {
        Directory.CreateDirectory(Path.Combine(root.Path, ".nuke"));
        Directory.CreateDirectory(Path.Combine(root.Path, "data"));
        foreach (var spec in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "data"), "*.json"))
            File.Copy(spec, Path.Combine(root.Path, "data", Path.GetFileName(spec)));
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(BuildDll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "The build process did not finish within 2 minutes.");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static readonly object CompileLock = new();

    private static void EnsureBuildIsCompiled()
    {
        lock (CompileLock)
        {
            var dataTargets = Path.Combine(RepositoryRoot.Path, "build", "IValidateData.cs");
            if (File.Exists(BuildDll) && File.GetLastWriteTimeUtc(BuildDll) >= File.GetLastWriteTimeUtc(dataTargets)) return;
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
