using System.Formats.Tar;
using System.Text;

namespace Pipeline.Delivery.Docker;

/// <summary>
/// A Docker build context assembled in memory as a tar stream: generated files (the Dockerfile) plus
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

    /// <summary>Writes the context as an uncompressed tar to a seekable stream positioned at its start.</summary>
    public Stream ToTarStream()
    {
        // A temp file rather than memory: the published service plus model is tens of megabytes.
        var path = Path.GetTempFileName();
        var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (filePath, content) in _files)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, filePath)
                {
                    DataStream = new MemoryStream(content),
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                };
                writer.WriteEntry(entry);
            }
            foreach (var (source, target) in _directories)
            {
                foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    var relative = Path.GetRelativePath(source, file).Replace(Path.DirectorySeparatorChar, '/');
                    writer.WriteEntry(file, $"{target}/{relative}");
                }
            }
        }
        stream.Position = 0;
        return stream;
    }
}
