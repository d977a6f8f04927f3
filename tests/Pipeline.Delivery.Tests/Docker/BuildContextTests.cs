using System.Formats.Tar;
using System.Text;
using Pipeline.Delivery.Docker;

namespace Pipeline.Delivery.Tests.Docker;

public sealed class BuildContextTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("build-context-").FullName;

    [Fact]
    public void TarStream_HoldsTheGeneratedDockerfileAndEveryFileUnderItsTargetPath()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "sub"));
        File.WriteAllText(Path.Combine(_directory, "a.dll"), "binary");
        File.WriteAllText(Path.Combine(_directory, "sub", "model.zip"), "model");

        using var tar = new BuildContext().AddFile("Dockerfile", "FROM scratch\n").AddDirectory(_directory, "app/").ToTarStream();

        var entries = new Dictionary<string, string>();
        using var reader = new TarReader(tar);
        while (reader.GetNextEntry() is { } entry)
        {
            using var content = new StreamReader(entry.DataStream!, Encoding.UTF8);
            entries[entry.Name] = content.ReadToEnd();
        }
        Assert.Equal(new Dictionary<string, string> { ["Dockerfile"] = "FROM scratch\n", ["app/a.dll"] = "binary", ["app/sub/model.zip"] = "model" }, entries);
    }

    [Fact]
    public void AddDirectory_ThatDoesNotExist_NamesIt()
    {
        var missing = Path.Combine(_directory, "missing");

        var error = Assert.Throws<DirectoryNotFoundException>(() => new BuildContext().AddDirectory(missing, "app"));

        Assert.Contains(missing, error.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
