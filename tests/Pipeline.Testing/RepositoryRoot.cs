namespace Pipeline.Testing;

/// <summary>Locates the repository (the folder with Pipeline.sln) and the shared real AI4I file beside it.</summary>
public static class RepositoryRoot
{
    /// <summary>The repository root: the nearest folder above the test binaries that holds Pipeline.sln.</summary>
    public static string Path { get; } = Find();

    /// <summary>Where the real AI4I 2020 file is expected: ../shared/data/ai4i2020.csv beside the repository.</summary>
    public static string RealAi4iFile => System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, "..", "shared", "data", "ai4i2020.csv"));

    /// <summary>The real AI4I file; skips the test when it is absent, except on CI, where its absence fails the test.</summary>
    public static string RequireRealAi4iFile()
    {
        SkipLocally.Unless(File.Exists(RealAi4iFile),
            $"The real AI4I 2020 file is not at {RealAi4iFile} (../shared/data/ai4i2020.csv); it is never committed, so this test runs only where it is provided.");
        return RealAi4iFile;
    }

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Pipeline.sln")))
                return directory.FullName;
        throw new DirectoryNotFoundException($"No Pipeline.sln above {AppContext.BaseDirectory}; run the tests from a checkout of the repository.");
    }
}
