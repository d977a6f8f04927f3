namespace Pipeline.Data.Tests;

/// <summary>Locates the repository (the folder with Pipeline.sln) and the shared real AI4I file beside it.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string RealAi4iFile => System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, "..", "shared", "data", "ai4i2020.csv"));

    /// <summary>Skips the test when the real file is absent, except on CI (CI=true), where its absence is a failure.</summary>
    public static string RequireRealAi4iFile()
    {
        var available = File.Exists(RealAi4iFile);
        if (!available && Environment.GetEnvironmentVariable("CI") != "true")
            Skip.If(true, $"The real AI4I 2020 file is not at {RealAi4iFile} (../shared/data/ai4i2020.csv); it is never committed, so this test runs only where it is provided.");
        Assert.True(available, $"CI=true but the real AI4I 2020 file is missing at {RealAi4iFile}.");
        return RealAi4iFile;
    }

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Pipeline.sln")))
                return directory.FullName;
        throw new InvalidOperationException($"No Pipeline.sln above {AppContext.BaseDirectory}.");
    }
}
