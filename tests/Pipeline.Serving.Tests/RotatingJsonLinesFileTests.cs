using System.Text;
using Pipeline.Serving.InferenceLog;

namespace Pipeline.Serving.Tests;

public sealed class RotatingJsonLinesFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("inference-log-").FullName;

    [Fact]
    public void BeyondTheSizeLimit_ANewFileStartsAndOnlyTheNewestFilesAreKept()
    {
        var line = Encoding.UTF8.GetBytes(new string('x', 99) + "\n");
        using (var file = new RotatingJsonLinesFile(_directory, maxFileBytes: 250, retainedFiles: 3))
        {
            for (var i = 0; i < 20; i++)
            {
                file.Append(line);
            }
        }

        var files = Directory.GetFiles(_directory, Pipeline.Modeling.Scoring.InferenceLogFormat.SearchPattern).Order().ToList();
        Assert.Equal(3, files.Count);
        Assert.All(files, f => Assert.InRange(new FileInfo(f).Length, 100, 250));
        // 20 lines at two per file: the three kept files are the last ones written.
        Assert.Equal(6, files.Sum(f => File.ReadAllLines(f).Length));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
