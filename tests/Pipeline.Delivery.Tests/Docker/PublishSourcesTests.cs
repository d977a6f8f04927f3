using Pipeline.Delivery.Docker;

namespace Pipeline.Delivery.Tests.Docker;

public sealed class PublishSourcesTests : IDisposable
{
    private readonly TemporaryDirectory _root = new("publish-sources-");
    private readonly string _project;

    public PublishSourcesTests()
    {
        _root.Write("Directory.Build.props", "<Project />");
        _project = _root.Write("src/Service/Service.csproj", "<Project />");
        _root.Write("src/Service/Program.cs", "class P {}");
        _root.Write("src/Library/Library.cs", "class L {}");
    }

    [Fact]
    public void Fingerprint_IgnoresBinAndObj_WhichAPublishWrites()
    {
        var before = PublishSources.Fingerprint(_project);

        _root.Write("src/Service/bin/Release/net10.0/Service.dll", "binary");
        _root.Write("src/Library/obj/Release/net10.0/Library.dll", "binary");

        Assert.Equal(before, PublishSources.Fingerprint(_project));
    }

    [Theory]
    [InlineData("src/Library/Library.cs")]            // a project the service references
    [InlineData("src/Library/Added.cs")]              // a new file
    [InlineData("Directory.Build.props")]             // settings above the source folder
    public void Fingerprint_Changes_WhenASourceTheServiceIsBuiltFromChanges(string file)
    {
        var before = PublishSources.Fingerprint(_project);

        _root.Write(file, "changed, and longer than before");

        Assert.NotEqual(before, PublishSources.Fingerprint(_project));
    }

    [Fact]
    public void Fingerprint_Changes_WhenASourceIsDeleted()
    {
        var before = PublishSources.Fingerprint(_project);

        File.Delete(_root["src/Library/Library.cs"]);

        Assert.NotEqual(before, PublishSources.Fingerprint(_project));
    }

    public void Dispose() => _root.Dispose();
}
