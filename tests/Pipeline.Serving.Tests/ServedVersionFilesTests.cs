using Pipeline.Serving.Model;

namespace Pipeline.Serving.Tests;

/// <summary>
/// The service watches every file of the version it serves, and refuses a version any file of which differs from
/// its manifest: an edited spec.json or metadata.json is noticed by the watcher and refused like an edited model.
/// </summary>
public sealed class ServedVersionFilesTests : IDisposable
{
    private readonly RegisteredModelFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("spec.json")]
    [InlineData("input-schema.json")]
    [InlineData("input-example.json")]
    [InlineData("manifest.json")]
    public void AChangeToAnyFileOfTheVersion_ChangesWhatTheWatcherSees(string file)
    {
        var before = ModelLocation.Resolve(_folder.Version, "production").Fingerprint;

        File.AppendAllText(Path.Combine(_folder.Version, file), " ");

        Assert.NotEqual(before, ModelLocation.Resolve(_folder.Version, "production").Fingerprint);
    }

    [Theory]
    [InlineData("spec.json")]
    [InlineData("metadata.json")]
    public void Start_WithAnEditedVersionFile_RefusesNamingTheFile(string file)
    {
        var path = Path.Combine(_folder.Version, file);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"", " \"", StringComparison.Ordinal));

        var error = Assert.Throws<ModelLoadException>(() => ScoringService.Build([$"--Serving:ModelPath={_folder.Version}", "--Serving:Port=0"]));

        Assert.Contains(path, error.Message);
        Assert.Contains("SHA-256", error.Message);
        Assert.Contains("will not be loaded", error.Message);
    }
}
