using Pipeline.Data.Loading;
using Pipeline.Data.Specs;

namespace Pipeline.Data.Tests;

public sealed class DataSourceFilePathTests
{
    [Fact]
    public void FilePathFor_IsTheSpecsSourcePath_ResolvedAgainstTheRoot_AndIsTheFileThatIsRead()
    {
        var (spec, _) = DatasetCatalog.Resolve(RepositoryRoot.Path, "ecommerce-conversion");

        var path = DataSource.FilePathFor(spec, RepositoryRoot.Path, null);

        Assert.Equal(Path.Combine(RepositoryRoot.Path, "data", "ecommerce-conversion.csv"), path);
        using var source = DataSource.Open(spec, RepositoryRoot.Path, null);
        Assert.Equal(path, source.FilePath);
    }

    [Fact]
    public void FilePathFor_PrefersTheOverride_RelativeToTheRoot()
    {
        var (spec, _) = DatasetCatalog.Resolve(RepositoryRoot.Path, "ecommerce-conversion");

        var path = DataSource.FilePathFor(spec, RepositoryRoot.Path, "elsewhere/../other.csv");

        Assert.Equal(Path.Combine(RepositoryRoot.Path, "other.csv"), path);
    }

    [Fact]
    public void FilePathFor_IsNullForTheSimulator_UnlessOverridden()
    {
        var (spec, _) = DatasetCatalog.Resolve(RepositoryRoot.Path, "ai4i2020");

        Assert.Null(DataSource.FilePathFor(spec, RepositoryRoot.Path, null));
        Assert.Equal("/tmp/x.csv", DataSource.FilePathFor(spec, RepositoryRoot.Path, "/tmp/x.csv"));
    }
}
