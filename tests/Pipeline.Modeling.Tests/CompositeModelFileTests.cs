using System.IO.Compression;
using System.Text.Json.Nodes;
using Pipeline.Modeling.Registry;
using Pipeline.Modeling.Scoring;
using Pipeline.Modeling.Training;

namespace Pipeline.Modeling.Tests;

/// <summary>
/// A damaged composite model file (a model with cause models) is refused on load with a sentence naming the file
/// and, where one is at fault, the member — by <see cref="FeaturePredictor"/> and through a registered version by
/// <see cref="ScoringModel"/>.
/// </summary>
[Collection(CauseModelCollection.Name)]
public class CompositeModelFileTests(CauseModelFixture fixture)
{
    /// <summary>Ways to damage a composite, each with what its refusal must say (after "Model file &lt;path&gt;").</summary>
    public static TheoryData<string, string[]> Damages => new()
    {
        { "member entry missing", ["lacks the member 'OSF' (members/2.zip) its composition.json lists", "train the model again"] },
        { "member truncated", ["(member 'TWF')", "is not a readable ML.NET model", "truncated or corrupted"] },
        { "composition not JSON", ["has a damaged composition.json", "train the model again"] },
        { "composition lists no members", ["composition.json lists no members"] },
        { "unknown combination rule", ["combines its members by 'max', but this version knows only 'noisy-or'"] },
        { "whole file truncated", ["is not a readable ML.NET model", "truncated or corrupted"] },
        { "member left out of composition", ["holds members/3.zip, which its composition.json does not list", "altered"] },
    };

    static byte[] Damaged(byte[] composite, string damage) => damage switch
    {
        "member entry missing" => Rewritten(composite, "members/2.zip", _ => null),
        "member truncated" => Rewritten(composite, "members/3.zip", bytes => bytes[..(bytes.Length / 2)]),
        "composition not JSON" => Rewritten(composite, CompositeModelFile.CompositionEntry, _ => "{ \"combine\": noisy-or }"u8.ToArray()),
        "composition lists no members" => Rewritten(composite, CompositeModelFile.CompositionEntry, _ => """{ "combine": "noisy-or", "members": [] }"""u8.ToArray()),
        "unknown combination rule" => Rewritten(composite, CompositeModelFile.CompositionEntry,
            bytes => System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(bytes).Replace("noisy-or", "max"))),
        "whole file truncated" => composite[..(composite.Length / 2)],
        "member left out of composition" => Rewritten(composite, CompositeModelFile.CompositionEntry, bytes =>
        {
            var composition = JsonNode.Parse(bytes)!.AsObject();
            composition["members"]!.AsArray().RemoveAt(3);
            return System.Text.Encoding.UTF8.GetBytes(composition.ToJsonString());
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(damage), damage, null),
    };

    /// <summary>A copy of the fixture's registered version folder that a test may damage.</summary>
    string CopyOfRegisteredVersion(TemporaryDirectory into)
    {
        var copy = Directory.CreateDirectory(into["version"]).FullName;
        foreach (var file in Directory.GetFiles(fixture.VersionDirectory)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        return copy;
    }

    /// <summary><paramref name="composite"/> with <paramref name="entry"/>'s bytes replaced by <paramref name="change"/>'s result (null: removed).</summary>
    static byte[] Rewritten(byte[] composite, string entry, Func<byte[], byte[]?> change)
    {
        using var input = new ZipArchive(new MemoryStream(composite), ZipArchiveMode.Read);
        Assert.NotNull(input.GetEntry(entry));
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var source in input.Entries)
            {
                using var read = source.Open();
                using var buffer = new MemoryStream();
                read.CopyTo(buffer);
                var bytes = source.FullName == entry ? change(buffer.ToArray()) : buffer.ToArray();
                if (bytes is null) continue;
                using var write = zip.CreateEntry(source.FullName).Open();
                write.Write(bytes);
            }
        return output.ToArray();
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public void DamagedComposite_IsRefusedByTheLoader_NamingTheFileAndTheProblem(string damage, string[] expected)
    {
        using var folder = new TemporaryDirectory();
        var path = folder["model.zip"];
        File.WriteAllBytes(path, Damaged(File.ReadAllBytes(fixture.DirectModelPath), damage));

        var error = Assert.Throws<ModelingException>(() => FeaturePredictor.Load(path, fixture.Model.FeatureNames.Count));

        Assert.StartsWith($"Model file {path}", error.Message);
        foreach (var part in expected) Assert.Contains(part, error.Message);
    }

    [Theory]
    [MemberData(nameof(Damages))]
    public void DamagedCompositeRegisteredWithItsOwnHash_IsRefusedByScoringModel_NamingTheFileAndTheProblem(string damage, string[] expected)
    {
        // The registry's length and hash checks are matched to the damaged file, so that the composite's own checks are what refuse it.
        using var folder = new TemporaryDirectory();
        var version = CopyOfRegisteredVersion(folder);
        var path = Path.Combine(version, fixture.Metadata.ModelFile);
        var damaged = Damaged(File.ReadAllBytes(path), damage);
        File.WriteAllBytes(path, damaged);
        var metadataPath = Path.Combine(version, "metadata.json");
        var metadata = JsonNode.Parse(File.ReadAllText(metadataPath))!.AsObject();
        metadata["modelBytes"] = damaged.Length;
        metadata["modelSha256"] = ModelFileIntegrity.Sha256Of(damaged);
        File.WriteAllText(metadataPath, metadata.ToJsonString());
        RegisteredVersionEdits.Reseal(version);

        var error = Assert.Throws<ModelingException>(() => ScoringModel.Load(version));

        Assert.StartsWith($"Model file {path}", error.Message);
        foreach (var part in expected) Assert.Contains(part, error.Message);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void CompositeTruncatedAnywhere_IsRefusedByTheLoader_AsTruncatedOrCorrupted(double keptFraction)
    {
        using var folder = new TemporaryDirectory();
        var path = folder["model.zip"];
        var bytes = File.ReadAllBytes(fixture.DirectModelPath);
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * keptFraction)]);

        var error = Assert.Throws<ModelingException>(() => FeaturePredictor.Load(path, fixture.Model.FeatureNames.Count));

        Assert.StartsWith($"Model file {path}", error.Message);
        Assert.Contains("truncated or corrupted", error.Message);
    }

    [Fact]
    public void TruncatedRegisteredComposite_IsRefusedByTheRegistryCheck()
    {
        using var folder = new TemporaryDirectory();
        var version = CopyOfRegisteredVersion(folder);
        var path = Path.Combine(version, fixture.Metadata.ModelFile);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..1000]);

        var error = Assert.Throws<ModelingException>(() => ScoringModel.Load(version));

        Assert.StartsWith($"File {path} is 1000 bytes but version {fixture.Metadata.Version}'s manifest (digest sha256:", error.Message);
        Assert.EndsWith($"records {fixture.Metadata.ModelBytes} with SHA-256 {fixture.Metadata.ModelSha256}: it is truncated and will not be loaded.", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void UnparsableComposition_IsReportedWithoutTheJsonLibrarysLocationTail()
    {
        using var folder = new TemporaryDirectory();
        var path = folder["model.zip"];
        File.WriteAllBytes(path, Damaged(File.ReadAllBytes(fixture.DirectModelPath), "composition not JSON"));

        var error = Assert.Throws<ModelingException>(() => FeaturePredictor.Load(path, fixture.Model.FeatureNames.Count));

        Assert.Contains("has a damaged composition.json", error.Message);
        Assert.DoesNotContain("BytePositionInLine", error.Message);
    }

    [Fact]
    public void IntactComposite_RoundTripsThroughTryRead_WithMemberBytesThatLoadAlone()
    {
        var bytes = File.ReadAllBytes(fixture.DirectModelPath);
        var members = CompositeModelFile.TryRead(bytes, fixture.DirectModelPath)!;
        Assert.Equal(CauseModelFixture.MemberNames, members.Select(m => m.Name));

        using var rewritten = new MemoryStream();
        CompositeModelFile.Write(rewritten, members);
        Assert.Equal(bytes, rewritten.ToArray());

        var row = fixture.Features.Test.Rows[0];
        using var whole = FeaturePredictor.Load(bytes, fixture.DirectModelPath, row.Length);
        var alone = members.Select(m =>
        {
            using var member = FeaturePredictor.Load(m.Model, m.Name, row.Length);
            return member.Predict(row);
        });
        Assert.Equal(whole.PredictMembers(row), alone);
    }
}
