using Pipeline.Data.Loading;
using Pipeline.Data.Specs;

namespace Pipeline.Monitoring.Tests;

/// <summary>The repository's AI4I spec with small simulated data, and a fast training configuration.</summary>
internal static class SimulatedData
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static DatasetSpec Spec(int rows = 3000, ulong seed = 42)
    {
        var (spec, _) = DatasetCatalog.Resolve(RepositoryRoot, "ai4i2020");
        return spec with { Source = new SourceSpec { Simulator = new SimulatorSourceSpec { Rows = rows, Seed = seed } } };
    }

    public static Dataset Load(int rows = 3000, ulong seed = 42) => DatasetLoader.Load(Spec(rows, seed), RepositoryRoot, null);

    /// <summary>A fast configuration: few trees, 3 folds, no search.</summary>
    public const string FastConfiguration = """
        { "trainer": "LightGbm", "crossValidationFolds": 3,
          "parameters": { "numberOfLeaves": 8, "minimumExampleCountPerLeaf": 10, "numberOfIterations": 60, "learningRate": 0.1 } }
        """;

    /// <summary>A repository-like folder with models/ai4i2020/training.json = <paramref name="configuration"/>.</summary>
    public static void WriteConfiguration(string root, string configuration)
    {
        Directory.CreateDirectory(Path.Combine(root, "models", "ai4i2020"));
        File.WriteAllText(Path.Combine(root, "models", "ai4i2020", "training.json"), configuration);
    }

    static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Pipeline.sln"))) return directory.FullName;
        throw new InvalidOperationException("The repository root (with Pipeline.sln) was not found above " + AppContext.BaseDirectory);
    }
}
