using System.Text.Json;
using Pipeline.Data.Features;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Scoring;
using Pipeline.Modeling.Features;

namespace Pipeline.Modeling.Tests;

/// <summary>One model trained, evaluated and registered once for all scoring tests.</summary>
public sealed class RegisteredModelFixture : IDisposable
{
    public RegisteredModelFixture()
    {
        SimulatedData.WriteConfiguration(Root.Path, SimulatedData.FastConfiguration);
        var data = SimulatedData.Load();
        var ops = new LifecycleSteps(Root.Path, "ai4i2020");
        ops.Train(data);
        try { ops.Evaluate(data, true); } catch (ModelingException) { ops.AcceptMetrics(); }
        Evaluation = ops.Evaluate(data, true);
        Metadata = ops.Register(data);
        VersionDirectory = ops.Registry.VersionDirectory(Metadata.Version);
        Features = DatasetFeatures.From(data);
    }

    public TemporaryDirectory Root { get; } = new();
    public Evaluation.EvaluationResult Evaluation { get; }
    public ModelMetadata Metadata { get; }
    public string VersionDirectory { get; }
    public DatasetFeatures Features { get; }

    /// <summary>A copy of the version folder that a test may damage.</summary>
    public string CopyOfVersion(TemporaryDirectory into)
    {
        var target = into["version"];
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(VersionDirectory)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        return target;
    }

    public void Dispose() => Root.Dispose();
}

public class ScoringModelTests(RegisteredModelFixture fixture) : IClassFixture<RegisteredModelFixture>
{
    [Fact]
    public void Load_ExposesVersionThresholdSpecAndSchema()
    {
        using var model = ScoringModel.Load(fixture.VersionDirectory);
        Assert.Equal(fixture.Metadata.Version, model.Version);
        Assert.Equal(fixture.Metadata.Lineage.Threshold, model.Threshold);
        Assert.Equal("ai4i2020", model.Spec.Name);
        Assert.Contains(model.InputSchema.Fields, f => f.Name == "Torque [Nm]");
        Assert.True(File.Exists(Path.Combine(fixture.VersionDirectory, "input-example.json")));
    }

    [Fact]
    public void ScoreBatch_OfTheTestRecords_ReproducesEvaluatesProbabilities()
    {
        using var model = ScoringModel.Load(fixture.VersionDirectory);
        var records = fixture.Features.TestRows.Select(fixture.Features.Record).ToList();
        var scores = model.ScoreBatch(records);
        for (var i = 0; i < scores.Count; i++)
        {
            Assert.Equal(fixture.Evaluation.Probabilities[i], scores[i].Probability, 6);
            Assert.Equal(scores[i].Probability >= model.Threshold, scores[i].Label);
        }
        Assert.Equal(scores[3], model.Score(records[3]));
    }

    [Fact]
    public void ScoringFromManyThreadsAtOnce_GivesTheSameAnswersAsOneThread()
    {
        using var model = ScoringModel.Load(fixture.VersionDirectory);
        var records = fixture.Features.TestRows.Take(200).Select(fixture.Features.Record).ToList();
        var expected = model.ScoreBatch(records);
        var results = new ScoreResult[8][];
        Parallel.For(0, 8, t => results[t] = records.Select(model.Score).ToArray());
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void RecordWithMissingField_IsRejectedNamingTheField()
    {
        using var model = ScoringModel.Load(fixture.VersionDirectory);
        var record = new Dictionary<string, JsonElement>(fixture.Features.Record(fixture.Features.TestRows[0]));
        record.Remove("Torque [Nm]");
        var error = Assert.Throws<InputValidationException>(() => model.ScoreBatch([fixture.Features.Record(fixture.Features.TestRows[1]), record]));
        Assert.Equal("Torque [Nm]", error.Field);
        Assert.StartsWith("Record 1:", error.Message);
    }

    [Fact]
    public void TamperedModel_IsRefusedOnLoad()
    {
        using var folder = new TemporaryDirectory();
        var copy = fixture.CopyOfVersion(folder);
        var path = Path.Combine(copy, "model.zip");
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<ModelingException>(() => ScoringModel.Load(copy));
        Assert.Contains("has been modified and will not be loaded", error.Message);
    }

    [Fact]
    public void TruncatedModel_IsRefusedOnLoad()
    {
        using var folder = new TemporaryDirectory();
        var copy = fixture.CopyOfVersion(folder);
        var path = Path.Combine(copy, "model.zip");
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..100]);

        var error = Assert.Throws<ModelingException>(() => ScoringModel.Load(copy));
        Assert.Contains("it is truncated and will not be loaded", error.Message);
    }

    [Fact]
    public void FolderWithoutMetadata_IsRefusedWithAReason()
    {
        using var folder = new TemporaryDirectory();
        var error = Assert.Throws<ModelingException>(() => ScoringModel.Load(folder.Path));
        Assert.Contains("is not a registered model version folder", error.Message);
    }

    [Fact]
    public void CompiledEnsemble_IsUsedForLightGbm()
    {
        using var predictor = FeaturePredictor.Load(Path.Combine(fixture.VersionDirectory, "model.zip"), fixture.Metadata.FeatureNames.Count);
        Assert.True(predictor.IsCompiled);
    }
}
