using System.IO.Compression;
using System.Text.Json;
using Pipeline.Modeling.Configuration;
using Pipeline.Modeling.Scoring;
using Pipeline.Modeling.Training;
using Pipeline.Modeling.Features;

namespace Pipeline.Modeling.Tests;

/// <summary>A model with cause models: how it is saved, loaded, scored and recorded.</summary>
[Collection(CauseModelCollection.Name)]
public class CauseModelTrainingTests(CauseModelFixture fixture)
{
    static string[] EntryNames(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        return zip.Entries.Select(e => e.FullName).ToArray();
    }

    static byte[] EntryBytes(string zipPath, string entry)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        using var stream = zip.GetEntry(entry)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    int ToolWearSlot => fixture.Features.All.FeatureNames.ToList().IndexOf("Tool wear [min]");

    [Fact]
    public void ModelWithCauses_IsSavedAsACompositeListingEveryMemberInOrder()
    {
        Assert.Equal([CompositeModelFile.CompositionEntry, "members/0.zip", "members/1.zip", "members/2.zip", "members/3.zip"], EntryNames(fixture.DirectModelPath));
        using var composition = JsonDocument.Parse(EntryBytes(fixture.DirectModelPath, CompositeModelFile.CompositionEntry));
        Assert.Equal("noisy-or", composition.RootElement.GetProperty("combine").GetString());
        var members = composition.RootElement.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(CauseModelFixture.MemberNames, members.Select(m => m.GetProperty("name").GetString()));
        Assert.Equal(["members/0.zip", "members/1.zip", "members/2.zip", "members/3.zip"], members.Select(m => m.GetProperty("entry").GetString()));
    }

    [Fact]
    public void CompositeModel_LoadsCompiled_AndReproducesTheTrainedModelsProbabilities()
    {
        var test = fixture.Features.Test;
        using var predictor = FeaturePredictor.Load(fixture.DirectModelPath, test.FeatureNames.Count);
        Assert.Equal(4, predictor.MemberCount);
        Assert.True(predictor.IsCompiled);

        var expected = fixture.Model.PredictProbabilities(test);
        var batch = predictor.Predict(test.Rows);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], batch[i], 1e-5);
            Assert.Equal(batch[i], predictor.Predict(test.Rows[i]));
        }
    }

    [Fact]
    public void CompositeModel_WithoutTheCompiledEnsemble_GivesTheSameProbabilities()
    {
        var test = fixture.Features.Test;
        using var compiled = FeaturePredictor.Load(fixture.DirectModelPath, test.FeatureNames.Count);
        using var engine = FeaturePredictor.Load(fixture.DirectModelPath, test.FeatureNames.Count, allowCompiled: false);
        Assert.False(engine.IsCompiled);
        var fromEngine = engine.Predict(test.Rows);
        var fromCompiled = compiled.Predict(test.Rows);
        for (var i = 0; i < fromEngine.Length; i++) Assert.Equal(fromEngine[i], fromCompiled[i], 1e-5);
    }

    [Fact]
    public void CombinedProbability_IsTheNoisyOrOfTheMembers_AndNeverBelowAnyOfThem()
    {
        var test = fixture.Features.Test;
        using var predictor = FeaturePredictor.Load(fixture.DirectModelPath, test.FeatureNames.Count);
        var raisedByACause = 0;
        foreach (var row in test.Rows)
        {
            var members = predictor.PredictMembers(row);
            var combined = predictor.Predict(row);
            Assert.Equal(4, members.Length);
            Assert.Equal(1 - members.Aggregate(1.0, (none, p) => none * (1 - p)), combined, 1e-5);
            Assert.All(members, p => Assert.True(combined >= p - 1e-6, $"combined {combined} is below a member's {p}"));
            if (combined - members[0] > 0.01) raisedByACause++;
        }
        Assert.True(raisedByACause > 0, "no test row's probability was raised by a cause model, so the composition pins nothing");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void CauseModelOnToolWearOnly_IgnoresEveryOtherFeature(bool compiled)
    {
        var test = fixture.Features.Test;
        using var predictor = FeaturePredictor.Load(fixture.DirectModelPath, test.FeatureNames.Count, compiled);
        var twf = Array.IndexOf(CauseModelFixture.MemberNames, "TWF");
        var wholeLabelChanged = false;
        foreach (var row in test.Rows.Take(40))
        {
            var expected = predictor.PredictMembers(row)[twf];
            for (var f = 0; f < row.Length; f++)
            {
                if (f == ToolWearSlot) continue;
                foreach (var value in new[] { -1e4f, 0f, row[f] * 3 + 1, 1e4f })
                {
                    var changed = (float[])row.Clone();
                    changed[f] = value;
                    var members = predictor.PredictMembers(changed);
                    Assert.Equal(expected, members[twf]);
                    wholeLabelChanged |= members[0] != predictor.PredictMembers(row)[0];
                }
            }
        }
        Assert.True(wholeLabelChanged, "the changes moved no member at all, so they cannot show that TWF's model ignores them");
    }

    [Fact]
    public void CauseModelOnToolWearOnly_RespondsToToolWear()
    {
        var row = (float[])fixture.Features.Test.Rows[0].Clone();
        using var predictor = FeaturePredictor.Load(fixture.DirectModelPath, row.Length);
        var twf = Array.IndexOf(CauseModelFixture.MemberNames, "TWF");
        row[ToolWearSlot] = 5;
        var fresh = predictor.PredictMembers(row)[twf];
        row[ToolWearSlot] = 230;
        var worn = predictor.PredictMembers(row)[twf];
        Assert.True(worn > fresh + 0.01, $"TWF's model gives {worn} at 230 min of wear and {fresh} at 5 min");
    }

    [Fact]
    public void TwoTrainings_OfTheSameCauseModels_GiveByteIdenticalFiles()
    {
        // The fixture trained the same configuration twice: once directly, once through LifecycleSteps.Train.
        Assert.Equal(File.ReadAllBytes(fixture.DirectModelPath), File.ReadAllBytes(fixture.Ops.Paths.ModelPath));
        Assert.Equal(Pipeline.Modeling.Registry.ModelFileIntegrity.Sha256Of(fixture.DirectModelPath), fixture.Summary.ModelSha256);
    }

    [Fact]
    public void ModelWithoutCauses_IsAPlainMlNetZip_EqualToTheCompositesWholeLabelMember()
    {
        using var folder = new TemporaryDirectory();
        var configuration = TrainingConfigurationLoader.Parse(SimulatedData.FastConfiguration, "test");
        var features = fixture.Features;
        var model = ModelTrainer.Train(features.Train, features.TrainingFolds(configuration.CrossValidationFolds, configuration.Seed), configuration);
        model.Save(folder["plain.zip"]);

        Assert.DoesNotContain(CompositeModelFile.CompositionEntry, EntryNames(folder["plain.zip"]));
        Assert.Null(CompositeModelFile.TryRead(File.ReadAllBytes(folder["plain.zip"]), folder["plain.zip"]));
        Assert.Empty(model.Causes);
        Assert.Null(model.CauseGain);
        // The whole-label model does not depend on the causes trained beside it: older files and new members agree.
        Assert.Equal(File.ReadAllBytes(folder["plain.zip"]), EntryBytes(fixture.DirectModelPath, "members/0.zip"));

        using var predictor = FeaturePredictor.Load(folder["plain.zip"], features.Test.FeatureNames.Count);
        Assert.Equal(1, predictor.MemberCount);
        Assert.True(predictor.IsCompiled);
        var expected = model.PredictProbabilities(features.Test);
        var actual = predictor.Predict(features.Test.Rows);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-5);
    }

    [Fact]
    public void RegisteredCompositeVersion_ScoresRecordsLikeTheTrainedModel_WithTheCompiledEnsemble()
    {
        using var model = ScoringModel.Load(fixture.VersionDirectory);
        Assert.True(model.UsesCompiledEnsemble);
        var records = fixture.Features.TestRows.Select(fixture.Features.Record).ToList();
        var scores = model.ScoreBatch(records);
        var expected = fixture.Model.PredictProbabilities(fixture.Features.Test);
        for (var i = 0; i < scores.Count; i++)
        {
            Assert.Equal(expected[i], scores[i].Probability, 1e-5);
            Assert.Equal(scores[i].Probability >= model.Threshold, scores[i].Label);
        }
    }

    [Fact]
    public void TrainedModel_RecordsItsCausesAndTheirOutOfFoldGain()
    {
        Assert.Equal(["HDF", "OSF", "TWF"], fixture.Model.Causes.Select(c => c.Column));
        var gain = Assert.IsType<CauseModelGain>(fixture.Model.CauseGain);
        foreach (var value in new[] { gain.WholeLabelRocAuc, gain.WholeLabelPrAuc, gain.CombinedRocAuc, gain.CombinedPrAuc })
            Assert.InRange(value, 0.5, 1.0);
        Assert.NotEqual(gain.WholeLabelPrAuc, gain.CombinedPrAuc);
    }

    [Fact]
    public void TrainingSummaryRunAndRegistryMetadata_RecordTheCauses()
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(fixture.Ops.Paths.TrainingSummaryPath));
        var causes = summary.RootElement.GetProperty("causes").EnumerateArray().ToList();
        Assert.Equal(["HDF", "OSF", "TWF"], causes.Select(c => c.GetProperty("column").GetString()));
        Assert.Equal("LightGbm", causes[2].GetProperty("trainer").GetString());
        Assert.Equal(["Tool wear [min]"], causes[2].GetProperty("features").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(2, causes[2].GetProperty("parameters").GetProperty("numberOfLeaves").GetDouble());
        var gain = summary.RootElement.GetProperty("causeGain");
        Assert.Equal(fixture.Model.CauseGain!.CombinedRocAuc, gain.GetProperty("combinedRocAuc").GetDouble(), 12);

        var read = TrainingSummary.Read(fixture.Ops.Paths.TrainingSummaryPath);
        Assert.Equal(["HDF", "OSF", "TWF"], read.Lineage.Causes!.Select(c => c.Column));
        Assert.Equal(["HDF", "OSF", "TWF"], fixture.Ops.Runs.Find(read.Lineage.RunId).Lineage.Causes!.Select(c => c.Column));

        var registered = fixture.Ops.Registry.Metadata(fixture.Metadata.Version);
        var twf = registered.Lineage.Causes![2];
        Assert.Equal(("TWF", TrainerKind.LightGbm), (twf.Column, twf.Trainer));
        Assert.Equal(["Tool wear [min]"], twf.Features);
        Assert.Equal(fixture.Model.Causes[2].Parameters.OrderBy(p => p.Key), twf.Parameters.OrderBy(p => p.Key));
    }

    [Fact]
    public void TrainingWithoutCauses_RecordsNone()
    {
        using var root = new TemporaryDirectory();
        SimulatedData.WriteConfiguration(root.Path, SimulatedData.FastConfiguration);
        var ops = new LifecycleSteps(root.Path, "ai4i2020");
        var summary = ops.Train(fixture.Features.Data);
        Assert.Null(summary.Lineage.Causes);
        Assert.Null(summary.CauseGain);
        using var json = JsonDocument.Parse(File.ReadAllText(ops.Paths.TrainingSummaryPath));
        Assert.False(json.RootElement.TryGetProperty("causes", out _));
        Assert.DoesNotContain(CompositeModelFile.CompositionEntry, EntryNames(ops.Paths.ModelPath));
    }

    [Fact]
    public void CommittedConfiguration_TrainsItsFourCauseModels_AndRecordsThem()
    {
        using var root = new TemporaryDirectory();
        SimulatedData.WriteConfiguration(root.Path, File.ReadAllText(Path.Combine(SimulatedData.RepositoryRoot, "models", "ai4i2020", "training.json")));
        var ops = new LifecycleSteps(root.Path, "ai4i2020");
        ops.Train(fixture.Features.Data);

        using var summary = JsonDocument.Parse(File.ReadAllText(ops.Paths.TrainingSummaryPath));
        var causes = summary.RootElement.GetProperty("causes").EnumerateArray().ToList();
        Assert.Equal(["HDF", "PWF", "OSF", "TWF"], causes.Select(c => c.GetProperty("column").GetString()));
        Assert.Equal(["Tool wear [min]"], causes[3].GetProperty("features").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(JsonValueKind.Number, summary.RootElement.GetProperty("causeGain").GetProperty("combinedPrAuc").ValueKind);
        Assert.Equal(["label", "HDF", "PWF", "OSF", "TWF"], CompositeModelFile.TryRead(File.ReadAllBytes(ops.Paths.ModelPath), ops.Paths.ModelPath)!.Select(m => m.Name));
    }
}
