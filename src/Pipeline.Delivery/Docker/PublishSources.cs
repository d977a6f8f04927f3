using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pipeline.Delivery.Docker;

/// <summary>
/// The sources a publish of a project is made from, as one fingerprint: every file (path, size, modification time)
/// under the folder holding the project's folder and its sibling projects (<c>src/</c>, where its project references
/// live), bin/ and obj/ excluded, plus the MSBuild and SDK settings files (<c>Directory.Build.props</c>,
/// <c>Directory.Packages.props</c>, <c>global.json</c>, <c>NuGet.config</c>) in that folder and above it.
/// </summary>
public static class PublishSources
{
    private static readonly string[] SettingsFiles = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "NuGet.config", "nuget.config"];

    /// <summary>The fingerprint of <paramref name="projectPath"/>'s sources: equal fingerprints mean an equal publish.</summary>
    public static string Fingerprint(string projectPath)
    {
        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(projectPath))!;
        var sourceRoot = Path.GetDirectoryName(projectDirectory) ?? projectDirectory;
        var listing = new StringBuilder();
        foreach (var file in SourceFiles(sourceRoot).Order(StringComparer.Ordinal))
        {
            Describe(listing, file);
        }
        for (var directory = new DirectoryInfo(sourceRoot); directory is not null; directory = directory.Parent)
        {
            foreach (var name in SettingsFiles)
            {
                var path = Path.Combine(directory.FullName, name);
                if (File.Exists(path)) Describe(listing, path);
            }
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(listing.ToString())));
    }

    private static IEnumerable<string> SourceFiles(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory)) yield return file;
        foreach (var child in Directory.EnumerateDirectories(directory))
        {
            var name = Path.GetFileName(child);
            if (name is "bin" or "obj") continue;
            foreach (var file in SourceFiles(child)) yield return file;
        }
    }

    private static void Describe(StringBuilder listing, string path)
    {
        var info = new FileInfo(path);
        listing.Append(path).Append('\t')
            .Append(info.Length.ToString(CultureInfo.InvariantCulture)).Append('\t')
            .Append(info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }
}
