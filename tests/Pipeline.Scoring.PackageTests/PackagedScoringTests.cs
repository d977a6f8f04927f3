using Pipeline.Modeling;
using Pipeline.Scoring;

namespace Pipeline.Scoring.PackageTests;

/// <summary>
/// The packaged library used as a .NET application would: the production version that <c>./build.sh</c> registered
/// in this checkout (or the registry folder in PIPELINE_REGISTRY) loaded from the registry, verified, and asked for
/// the README's example prediction.
/// </summary>
public class PackagedScoringTests
{
    static string Registry => Environment.GetEnvironmentVariable("PIPELINE_REGISTRY") is { Length: > 0 } given ? given : Path.Combine(RepositoryRoot(), "models", "registry");

    static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Pipeline.sln"))) return folder.FullName;
        throw new InvalidOperationException($"No Pipeline.sln above {AppContext.BaseDirectory}; set PIPELINE_REGISTRY to a registry folder.");
    }

    // The README's /predict example, and the same record hot and slow (a heat-dissipation failure).
    static Dictionary<string, object?> Example(double air = 302.5, double process = 311.7, double speed = 1484) => new()
    {
        ["Type"] = "L", ["Air temperature [K]"] = air, ["Process temperature [K]"] = process,
        ["Rotational speed [rpm]"] = speed, ["Torque [Nm]"] = 47.2, ["Tool wear [min]"] = 2,
    };

    [Fact]
    public void TheLibrary_IsTheBuildPackedForThisRun_NotTheRepositorysProjectBuild()
    {
        // .ci/scoring-package.sh packs with a version of its own and names it here; a project reference would carry the default.
        var packed = Environment.GetEnvironmentVariable("PIPELINE_SCORING_VERSION");
        Assert.False(string.IsNullOrEmpty(packed), "PIPELINE_SCORING_VERSION is not set: run these tests with .ci/scoring-package.sh");
        var version = typeof(PipelineModel).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion;
        Assert.StartsWith(packed, version, StringComparison.Ordinal);
    }

    [Fact]
    public void TheProductionVersion_ScoresTheReadmeExample_AsNoFailure_AndTheHotSlowRecordAsAHeatFailure()
    {
        using var model = PipelineModel.FromRegistry(Registry, "ai4i2020", cacheRoot: Path.GetTempPath());

        var quiet = model.Predict(Example());
        var hot = model.Predict(Example(air: 303.0, process: 310.0, speed: 1300));

        Assert.Equal("ai4i2020", model.Dataset);
        Assert.False(quiet.Label);
        Assert.True(quiet.Probability < 0.05, $"README example: {quiet.Probability}");
        Assert.True(hot.Label, $"hot, slow record: {hot.Probability}");
        Assert.Equal(model.Version, hot.ModelVersion);
        if (model.CauseNames.Contains("HDF")) Assert.Equal("HDF", hot.Causes.MaxBy(c => c.Value).Key);
    }

    [Fact]
    public void AJsonBody_ScoresLikeTheSameRecordAsDotNetValues()
    {
        using var model = PipelineModel.FromRegistry(Registry, "ai4i2020", cacheRoot: Path.GetTempPath());
        var json = """{"Type":"L","Air temperature [K]":302.5,"Process temperature [K]":311.7,"Rotational speed [rpm]":1484,"Torque [Nm]":47.2,"Tool wear [min]":2}""";

        var fromValues = model.Predict(Example());
        var fromJson = model.Predict(json);

        Assert.Equal(fromValues.Probability, fromJson.Probability);
        Assert.Equal(fromValues.Label, fromJson.Label);
        Assert.Equal(fromValues.Causes, fromJson.Causes);
    }

    [Fact]
    public void AVersionWithOneChangedByte_IsRefused()
    {
        using var production = PipelineModel.FromRegistry(Registry, "ai4i2020", cacheRoot: Path.GetTempPath());
        var source = Path.Combine(Registry, "ai4i2020", "versions", production.Version.ToString());
        var copy = Directory.CreateTempSubdirectory("packaged-scoring-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            var metadata = Path.Combine(copy, "metadata.json");
            var bytes = File.ReadAllBytes(metadata);
            bytes[bytes.Length / 2] ^= 0x01;
            File.WriteAllBytes(metadata, bytes);

            var error = Assert.Throws<ModelingException>(() => PipelineModel.Load(copy));
            Assert.Contains("metadata.json", error.Message);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void AMissingField_IsNamed()
    {
        using var model = PipelineModel.FromRegistry(Registry, "ai4i2020", cacheRoot: Path.GetTempPath());
        var record = Example();
        record.Remove("Torque [Nm]");

        var error = Assert.ThrowsAny<Exception>(() => model.Predict(record));
        Assert.Contains("Torque [Nm]", error.Message);
    }
}
