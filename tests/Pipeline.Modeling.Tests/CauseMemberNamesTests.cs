using Pipeline.Modeling.Scoring;

namespace Pipeline.Modeling.Tests;

/// <summary>
/// The cause probabilities are reported under the composite's member names (/predict "causes"), so a composite whose
/// members repeat a name, or a version whose composite and metadata.json disagree on the causes, is refused on load.
/// </summary>
[Collection(CauseModelCollection.Name)]
public class CauseMemberNamesTests(CauseModelFixture fixture)
{
    [Fact]
    public void CompositeWhoseMembersRepeatAName_IsRefusedNamingTheFileAndTheMembers()
    {
        using var folder = new TemporaryDirectory();
        var version = RegisteredVersionEdits.Copy(fixture.VersionDirectory, folder["version"]);
        var path = RegisteredVersionEdits.EditComposition(version, text => text.Replace("\"OSF\"", "\"HDF\""));

        var error = Assert.Throws<ModelingException>(() => ScoringModel.Load(version));

        Assert.StartsWith($"Model file {path}: composition.json lists members ['label' (members/0.zip), 'HDF' (members/1.zip), 'HDF' (members/2.zip), 'TWF' (members/3.zip)]", error.Message);
        Assert.Contains("each member needs its own non-empty name and entry", error.Message);
    }

    [Fact]
    public void CompositeWhoseCausesDifferFromTheRegisteredOnes_IsRefusedNamingBoth()
    {
        using var folder = new TemporaryDirectory();
        var version = RegisteredVersionEdits.Copy(fixture.VersionDirectory, folder["version"]);
        RegisteredVersionEdits.EditMetadata(version, metadata => metadata["causes"]!.AsArray().RemoveAt(2));

        var error = Assert.Throws<ModelingException>(() => ScoringModel.Load(version));

        Assert.Equal(
            $"Model file {Path.Combine(version, fixture.Metadata.ModelFile)} holds the cause models [HDF, OSF, TWF], but metadata.json of version {fixture.Metadata.Version} " +
            "registers [HDF, OSF]; the version is inconsistent and will not be loaded.", error.Message);
    }

    [Fact]
    public void IntactVersion_ReportsItsCausesInTheRegisteredOrder()
    {
        using var model = ScoringModel.Load(fixture.VersionDirectory);
        Assert.Equal(CauseModelFixture.MemberNames.Skip(1), model.CauseNames);
    }
}
