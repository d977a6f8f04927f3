using System.Text.Json;
using Pipeline.Modeling.Provenance;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Runs;
using Pipeline.Modeling.Training;

namespace Pipeline.Modeling.Tests;

/// <summary>One lineage in the training summary, the run record and the registry metadata, on disk at the top level as before.</summary>
public class LineageTests
{
    static readonly Lineage Sample = new()
    {
        RunId = "20261126-041200-abcdef", Dataset = "ai4i2020", DataSource = "embedded default", DataHash = "d1", DataRows = 10_000,
        ConfigHash = "c1", GitCommit = "0123abc", Trainer = "LightGbm", Parameters = new Dictionary<string, double> { ["numberOfLeaves"] = 16 },
        Threshold = 0.42,
    };

    [Fact]
    public void MetadataWrittenFlatBeforeLineageExisted_LoadsWithItsLineage()
    {
        using var root = new TemporaryDirectory();
        File.WriteAllText(root["metadata.json"], """
            { "version": 3, "dataset": "ai4i2020", "modelFile": "model.zip", "modelSha256": "ab", "modelBytes": 2,
              "dataHash": "d1", "configHash": "c1", "gitCommit": "0123abc", "runId": "r1", "trainer": "LightGbm",
              "parameters": { "numberOfLeaves": 16 }, "threshold": 0.42, "metrics": { "f1": 0.9 }, "parentVersion": 2,
              "featureNames": ["a"] }
            """);

        var metadata = ModelMetadata.Read(root["metadata.json"]);

        Assert.Equal(3, metadata.Version);
        Assert.Equal(new Lineage
        {
            RunId = "r1", Dataset = "ai4i2020", DataHash = "d1", ConfigHash = "c1", GitCommit = "0123abc", Trainer = "LightGbm",
            Parameters = metadata.Lineage.Parameters, Threshold = 0.42, ParentVersion = 2,
        }, metadata.Lineage);
        Assert.Equal(16, metadata.Lineage.Parameters["numberOfLeaves"]);
        Assert.Equal(0.9, metadata.Metrics["f1"]);
    }

    [Fact]
    public void EachRecordWritesTheLineageAtTheTopLevel_AndReadsItBack()
    {
        using var root = new TemporaryDirectory();
        new TrainingSummary { Lineage = Sample, Folds = 5 }.Write(root["training.json"]);
        new RunHistory(root["runs"]).Save(new RunRecord { Lineage = Sample, CandidatesTried = 4 });
        File.WriteAllText(root["metadata.json"], new ModelMetadata { Lineage = Sample with { ParentVersion = 1 }, Version = 2 }.ToJson());

        foreach (var file in new[] { root["training.json"], Path.Combine(root["runs"], Sample.RunId + ".json"), root["metadata.json"] })
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            Assert.Equal(Sample.RunId, json.RootElement.GetProperty("runId").GetString());
            Assert.Equal("d1", json.RootElement.GetProperty("dataHash").GetString());
            Assert.Equal(0.42, json.RootElement.GetProperty("threshold").GetDouble());
            Assert.False(json.RootElement.TryGetProperty("lineage", out _));
        }
        var summary = TrainingSummary.Read(root["training.json"]);
        Assert.Equal(5, summary.Folds);
        Assert.Equal(Sample.DataRows, summary.Lineage.DataRows);
        Assert.Equal(4, new RunHistory(root["runs"]).Find(Sample.RunId).CandidatesTried);
        Assert.Equal(1, ModelMetadata.Read(root["metadata.json"]).Lineage.ParentVersion);
    }
}
