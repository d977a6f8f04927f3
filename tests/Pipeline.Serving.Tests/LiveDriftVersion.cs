using System.Text.Json;
using Pipeline.Data.Features;
using Pipeline.Data.Loading;
using Pipeline.Data.Specs;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Scoring;
using Pipeline.Monitoring;

namespace Pipeline.Serving.Tests;

/// <summary>
/// The test model registered with a live-drift reference (as Register stores it) over simulator data, and simulator
/// rows as /predict records, for the live-drift tests.
/// </summary>
public static class LiveDriftVersion
{
    /// <summary>The ai4i2020 spec of the repository.</summary>
    public static DatasetSpec Spec { get; } = DatasetSpec.Load(Path.Combine(RepositoryRoot.Path, "data", "ai4i2020.json"));

    /// <summary>Simulator rows (a <paramref name="scenario"/> such as hot-ambient, or none).</summary>
    public static Dataset Simulated(long rows, ulong seed, string? scenario = null) => DatasetLoader.Load(
        Spec with { Source = new SourceSpec { Simulator = new SimulatorSourceSpec { Rows = rows, Seed = seed, Scenario = scenario } } },
        RepositoryRoot.Path, null);

    /// <summary>
    /// Registers the test model with a live-drift reference for a window of <paramref name="windowRows"/> rows, made
    /// from 4,000 simulator rows by <see cref="LiveDriftReference"/> with the model's own scores; returns the version folder.
    /// </summary>
    public static string Register(string registryDirectory, int windowRows)
    {
        var plain = TestModel.RegisterVersion(registryDirectory);
        using var model = ScoringModel.Load(plain);
        var bins = new LiveDriftReference(Path.Combine(registryDirectory, "no-drift-settings.json"), windowRows)
            .Build(Simulated(4_000, 7), model.Threshold, model.Probabilities);
        return TestModel.RegisterVersion(registryDirectory, extraFiles: new Dictionary<string, string> { [RegistryLayout.LiveDriftBinsFile] = bins.ToJson() });
    }

    /// <summary>Rows of <paramref name="data"/> as /predict records (the spec's feature columns).</summary>
    public static List<IReadOnlyDictionary<string, JsonElement>> Records(Dataset data, int first, int count)
    {
        var sample = FeatureSample.FromDataset(data);
        var records = new List<IReadOnlyDictionary<string, JsonElement>>(count);
        for (var row = first; row < first + count; row++)
        {
            var record = new Dictionary<string, JsonElement>();
            foreach (var column in sample.Columns)
                record[column] = sample.IsNumeric(column)
                    ? JsonSerializer.SerializeToElement(sample.Numeric(column)[row])
                    : JsonSerializer.SerializeToElement(sample.Categories(column)[row]);
            records.Add(record);
        }
        return records;
    }
}
