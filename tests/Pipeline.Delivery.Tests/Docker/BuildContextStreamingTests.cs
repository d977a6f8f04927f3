using System.Formats.Tar;
using Pipeline.Delivery.Docker;

namespace Pipeline.Delivery.Tests.Docker;

public sealed class BuildContextStreamingTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("build-context-stream-");

    [Fact]
    public void TarStream_IsWrittenWhileRead_NotMaterialised_AndCarriesEveryByteOfALargeFile()
    {
        // 24 MB: far more than the stream buffers, so the writer must have waited for the reader.
        var large = new byte[24 << 20];
        new Random(5).NextBytes(large);
        _directory.Write("service/Pipeline.Serving.dll", large);

        using var tar = new BuildContext().AddFile("Dockerfile", "FROM scratch\n").AddDirectory(_directory["service"], "app").ToTarStream();

        Assert.False(tar.CanSeek);
        using var reader = new TarReader(tar);
        Assert.Equal("Dockerfile", reader.GetNextEntry()!.Name);
        var entry = reader.GetNextEntry()!;
        Assert.Equal("app/Pipeline.Serving.dll", entry.Name);
        using var copy = new MemoryStream();
        entry.DataStream!.CopyTo(copy);
        Assert.Equal(large, copy.ToArray());
        Assert.Null(reader.GetNextEntry());
    }

    [Fact]
    public void TarStream_SourceFolderDeletedBeforeItIsRead_FailsTheReadNamingTheFolder()
    {
        _directory.Write("model/model.zip", "model");
        var context = new BuildContext().AddDirectory(_directory["model"], "model");
        Directory.Delete(_directory["model"], recursive: true);

        using var tar = context.ToTarStream();

        var error = Assert.Throws<DirectoryNotFoundException>(() => tar.CopyTo(Stream.Null));
        Assert.Contains(_directory["model"], error.Message);
    }

    public void Dispose() => _directory.Dispose();
}
