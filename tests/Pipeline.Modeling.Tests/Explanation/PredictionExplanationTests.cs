using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Scoring;
using Pipeline.Modeling.Scoring.Explanation;

namespace Pipeline.Modeling.Tests.Explanation;

/// <summary>Explanations of a trained, registered LightGBM model (one member), on records of both splits.</summary>
public sealed class PredictionExplanationTests(RegisteredModelFixture fixture) : IClassFixture<RegisteredModelFixture>
{
    IEnumerable<int> ManyRows => fixture.Features.TestRows.Concat(fixture.Features.TrainRows.Take(200));

    [Fact]
    public void ContributionsPlusBaseValue_EqualTheRawScore_OnManyRecords()
    {
        using var model = ScoringModel.Load(fixture.VersionDirectory);
        var checkedRecords = 0;
        foreach (var row in ManyRows)
        {
            var member = Assert.Single(model.Explain(fixture.Features.Record(row)));
            Assert.Equal(member.RawScore, member.BaseValue + member.Features.Sum(c => c.Value), 1e-6);
            Assert.Equal(member.RawScore, member.BaseValue + member.Fields.Sum(c => c.Value), 1e-6);
            checkedRecords++;
        }
        Assert.True(checkedRecords > 500, $"only {checkedRecords} records were checked");
    }

    [Fact]
    public void ExplainedRawScore_IsTheScoreTheModelCalibrates()
    {
        using var model = ScoringModel.Load(fixture.VersionDirectory);
        foreach (var row in fixture.Features.TestRows.Take(100))
        {
            var record = fixture.Features.Record(row);
            var member = Assert.Single(model.Explain(record));
            Assert.Equal(model.Score(record).Probability, member.Probability, 1e-6);
        }
    }

    [Fact]
    public void Contributions_NameEveryFeatureAndEveryInputField_AndSomeAreNotZero()
    {
        using var model = ScoringModel.Load(fixture.VersionDirectory);
        var member = Assert.Single(model.Explain(fixture.Features.Record(fixture.Features.TestRows[0])));
        Assert.Equal(fixture.Metadata.FeatureNames, member.Features.Select(c => c.Name));
        Assert.Contains("Type", member.Fields.Select(c => c.Name));
        Assert.DoesNotContain(member.Fields, c => c.Name.Contains('='));
        Assert.Contains(member.Features, c => Math.Abs(c.Value) > 1e-3);
    }

    [Fact]
    public void Covers_CountEveryTrainingRowAtTheRoot_AndAreTheSameWhenCountedAgain()
    {
        var path = Path.Combine(fixture.VersionDirectory, RegistryLayout.TreeCoversFile);
        var stored = File.ReadAllText(path);
        var covers = TreeCovers.Read(path);
        var member = Assert.Single(covers.Members);
        Assert.Equal(fixture.Features.TrainRows.Length, covers.TrainingRows);
        Assert.All(member.Trees!, tree => Assert.Equal(covers.TrainingRows, tree.Nodes.Length > 0 ? tree.Nodes[0] : tree.Leaves[0]));
        Assert.All(member.Trees!, tree => Assert.Equal(covers.TrainingRows, tree.Leaves.Sum()));
        Assert.Equal(stored, TreeCoverCounter.Count(Path.Combine(fixture.VersionDirectory, RegistryLayout.ModelFile), fixture.Features.Train).ToJson());
    }

    [Fact]
    public void VersionWithoutCovers_RefusesToExplainNamingTheVersionAndTheFile_ButStillScores()
    {
        using var root = new TemporaryDirectory();
        var registry = new ModelRegistry(root["registry"]);
        var extraFiles = new[] { RegistryLayout.SpecFile, RegistryLayout.InputSchemaFile, RegistryLayout.InputExampleFile }
            .ToDictionary(f => f, f => File.ReadAllText(Path.Combine(fixture.VersionDirectory, f)));
        var legacy = registry.Register(new ModelRegistration(Path.Combine(fixture.VersionDirectory, RegistryLayout.ModelFile), fixture.Metadata, extraFiles));

        using var model = ScoringModel.Load(registry.VersionDirectory(legacy.Version));
        var record = fixture.Features.Record(fixture.Features.TestRows[0]);
        var error = Assert.Throws<ModelingException>(() => model.Explain(record));
        Assert.Contains($"Model version {legacy.Version}", error.Message);
        Assert.Contains(RegistryLayout.TreeCoversFile, error.Message);
        Assert.Contains("register it again", error.Message);
        Assert.Equal(error.Message, model.ExplanationProblem);
        Assert.InRange(model.Score(record).Probability, 0, 1);
    }
}

/// <summary>Explanations of a version with cause models: one explanation per member, each additive.</summary>
[Collection(CauseModelCollection.Name)]
public sealed class CauseModelExplanationTests(CauseModelFixture fixture)
{
    [Fact]
    public void EveryMember_IsExplainedAdditively()
    {
        using var model = ScoringModel.Load(fixture.VersionDirectory);
        foreach (var row in fixture.Features.TestRows.Take(300))
        {
            var record = fixture.Features.Record(row);
            var members = model.Explain(record);
            Assert.Equal(CauseModelFixture.MemberNames, members.Select(m => m.Member));
            foreach (var member in members)
                Assert.Equal(member.RawScore, member.BaseValue + member.Features.Sum(c => c.Value), 1e-6);
            var causes = model.Score(record).CauseProbabilities!;
            for (var c = 0; c < causes.Length; c++) Assert.Equal(causes[c], members[c + 1].Probability, 1e-6);
        }
    }

    [Fact]
    public void CauseModelRestrictedToOneFeature_GivesAllItsContributionToThatField()
    {
        using var model = ScoringModel.Load(fixture.VersionDirectory);
        var twf = model.Explain(fixture.Features.Record(fixture.Features.TestRows[0])).Single(m => m.Member == "TWF");
        Assert.All(twf.Fields.Where(f => f.Name != "Tool wear [min]"), f => Assert.Equal(0, f.Value));
        Assert.Equal(twf.RawScore - twf.BaseValue, twf.Fields.Single(f => f.Name == "Tool wear [min]").Value, 1e-6);
    }
}
