namespace Pipeline.Build.Tests;

/// <summary>
/// The user's path: <c>./build.sh ValidateData --data &lt;malformed.csv&gt;</c> runs the built build
/// (<c>build/bin/Debug/net10.0/_build.dll</c>, compiled here first if it is missing or older than the data targets)
/// as a real process, and must exit non-zero with a one-paragraph error and no stack trace.
/// </summary>
public sealed class ValidateDataCommandLineTests
{
    [Fact]
    public void MalformedData_ExitsNonZero_WithOneParagraphNamingFileLineAndColumn()
    {
        using var directory = new TemporaryDirectory();
        var file = directory.Write("malformed.csv",
            "UDI,Product ID,Type,Air temperature [K],Process temperature [K],Rotational speed [rpm],Torque [Nm],Tool wear [min],Machine failure,TWF,HDF,PWF,OSF,RNF\n" +
            "1,M14860,M,298.1,308.6,1551,42.8,0,0,0,0,0,0,0\n" +
            "2,L47181,L,298.2,308.7,fast,46.3,3,1,0,1,0,0,0\n");

        var (exitCode, output) = Run(directory, "ValidateData", "--data", file);

        Assert.NotEqual(0, exitCode);
        var error = output.Split('\n').Single(l => l.StartsWith("error: Target 'ValidateData' failed:", StringComparison.Ordinal));
        Assert.Contains($"{file}, line 3, column 'Rotational speed [rpm]': expected a number", error);
        Assert.Contains($"Full report: {Path.Combine(directory.Path, "artifacts", "validation", "report.md")}", error);
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("Exception", output);
    }

    [Fact]
    public void UnknownDataset_ExitsNonZero_ListingTheKnownSpecs()
    {
        using var directory = new TemporaryDirectory();

        var (exitCode, output) = Run(directory, "ValidateData", "--dataset", "ai4i2030");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Unknown dataset 'ai4i2030'; known specs: ai4i2020, ecommerce-conversion", output);
        Assert.DoesNotContain("   at ", output);
    }

    // Runs in a scratch root holding a copy of data/ (specs and schemas), so the repository's artifacts/ are untouched.
    private static (int ExitCode, string Output) Run(TemporaryDirectory root, params string[] arguments)
    {
        BuildProcess.PrepareCheckout(root.Path, withModels: false);
        return BuildProcess.Run(root.Path, arguments);
    }
}
