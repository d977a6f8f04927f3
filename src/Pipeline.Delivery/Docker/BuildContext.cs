using System.Formats.Tar;
using System.IO.Pipelines;
using System.Text;

namespace Pipeline.Delivery.Docker;

/// <summary>
/// A Docker build context streamed as a tar: generated files (the Dockerfile) plus
/// directories copied from disk under chosen paths. Nothing is written next to the sources.
/// </summary>
public sealed class BuildContext
{
    private readonly List<(string Path, byte[] Content)> _files = [];
    private readonly List<(string Source, string Target)> _directories = [];

    /// <summary>Adds a generated file at <paramref name="path"/> (forward slashes, relative to the context root).</summary>
    public BuildContext AddFile(string path, string content)
    {
        _files.Add((path, Encoding.UTF8.GetBytes(content)));
        return this;
    }

    /// <summary>Adds every file under <paramref name="sourceDirectory"/> beneath <paramref name="targetPath"/>.</summary>
    public BuildContext AddDirectory(string sourceDirectory, string targetPath)
    {
        if (!Directory.Exists(sourceDirectory))
        {
            throw new DirectoryNotFoundException($"The build context needs the folder {sourceDirectory}, which does not exist.");
        }
        _directories.Add((sourceDirectory, targetPath.Trim('/')));
        return this;
    }

    /// <summary>
    /// The context as an uncompressed tar stream that is written while it is read: nothing is materialised on disk or
    /// held in memory beyond a small buffer, so the engine receives the first bytes at once and the tar costs no extra
    /// copy of the published service and model. An error while reading a source file surfaces from the stream's reads.
    /// </summary>
    public Stream ToTarStream()
    {
        // Pauses the writer at 1 MB not yet read, resumes it below 512 KB: memory stays bounded whatever the context's size.
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19, useSynchronizationContext: false));
        _ = Task.Run(async () =>
        {
            try
            {
                await using (var output = pipe.Writer.AsStream(leaveOpen: true))
                {
                    await WriteTarAsync(output);
                }
                await pipe.Writer.CompleteAsync();
            }
            catch (Exception e)
            {
                await pipe.Writer.CompleteAsync(e);
            }
        });
        return pipe.Reader.AsStream();
    }

    private async Task WriteTarAsync(Stream output)
    {
        await using var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true);
        foreach (var (filePath, content) in _files)
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, filePath)
            {
                DataStream = new MemoryStream(content),
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            };
            await writer.WriteEntryAsync(entry);
        }
        foreach (var (source, target) in _directories)
        {
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = Path.GetRelativePath(source, file).Replace(Path.DirectorySeparatorChar, '/');
                await writer.WriteEntryAsync(file, $"{target}/{relative}");
            }
        }
    }
}
