using System.Diagnostics;
using System.Formats.Tar;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Pipeline.Delivery.Docker;

/// <summary>
/// Makes a minimal base image from this machine's own .NET runtime (Microsoft.NETCore.App and
/// Microsoft.AspNetCore.App), the shared libraries they and ML.NET's native code need (found with <c>ldd</c>),
/// an unprivileged user and <c>/tmp</c>, and imports it into the engine. For machines that cannot pull
/// <c>mcr.microsoft.com/dotnet/aspnet</c>. Re-imports only when the content changes (a content hash is the tag).
/// </summary>
public static class HostRuntimeBaseImage
{
    /// <summary>The value of the base-image parameter that asks for this image.</summary>
    public const string ParameterValue = "host-runtime";

    /// <summary>The repository name the imported image gets.</summary>
    public const string Repository = "pipeline-host-runtime";

    /// <summary>The unprivileged user id (the official .NET images' <c>app</c> user uses the same).</summary>
    public const int AppUserId = 1654;

    // Loaded with dlopen, so ldd on the runtime does not list them: OpenSSL (hashing, TLS), and the
    // C++/OpenMP runtimes that LightGBM and ML.NET's native helpers link against.
    private static readonly string[] DlopenedLibraries = ["libssl.so.3", "libcrypto.so.3", "libgomp.so.1", "libstdc++.so.6", "libgcc_s.so.1", "libz.so.1"];

    /// <summary>
    /// Ensures the image exists and returns its reference (<c>pipeline-host-runtime:&lt;hash&gt;</c>).
    /// </summary>
    public static async Task<string> EnsureAsync(DockerClient client, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64 && RuntimeInformation.OSArchitecture != Architecture.Arm64)
        {
            throw new PlatformNotSupportedException("A base image can be made from the host's runtime only on Linux; pass an existing image as the base image instead.");
        }
        var files = CollectFiles();
        var tag = ContentTag(files);
        var reference = $"{Repository}:{tag}";
        var existing = await client.Images.ListImagesAsync(new ImagesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["reference"] = new Dictionary<string, bool> { [reference] = true } },
        }, cancellationToken);
        if (existing.Count > 0)
        {
            log?.Invoke($"Base image {reference} already present.");
            return reference;
        }

        log?.Invoke($"Importing base image {reference} from this machine's .NET runtime ({files.Count} files).");
        await using var tar = WriteRootFilesystem(files);
        var progress = new DockerProgressLog(null);
        await client.Images.CreateImageAsync(new ImagesCreateParameters
        {
            FromSrc = "-",
            Repo = Repository,
            Tag = tag,
            Changes =
            [
                "ENV PATH=/usr/share/dotnet:/usr/local/bin:/usr/bin:/bin",
                "ENV DOTNET_ROOT=/usr/share/dotnet",
                // No ICU in the image: culture data is not needed to score numbers.
                "ENV DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1",
                "ENV LD_LIBRARY_PATH=/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu:/lib/aarch64-linux-gnu:/usr/lib/aarch64-linux-gnu",
                "LABEL org.opencontainers.image.description=\".NET runtime copied from the build machine\"",
            ],
        }, tar, new AuthConfig(), progress, cancellationToken);
        progress.ThrowIfFailed($"Importing the base image {reference}");
        return reference;
    }

    /// <summary>Host path → path inside the image, for every file the root filesystem holds.</summary>
    private static SortedDictionary<string, string> CollectFiles()
    {
        var dotnetRoot = FindDotnetRoot();
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(dotnetRoot, "host"), "*", SearchOption.AllDirectories))
        {
            files[file] = "/usr/share/dotnet/" + Path.GetRelativePath(dotnetRoot, file);
        }
        files[Path.Combine(dotnetRoot, "dotnet")] = "/usr/share/dotnet/dotnet";
        var runtimeVersion = Environment.Version.ToString();
        foreach (var framework in new[] { "Microsoft.NETCore.App", "Microsoft.AspNetCore.App" })
        {
            var directory = Path.Combine(dotnetRoot, "shared", framework, runtimeVersion);
            if (!Directory.Exists(directory))
            {
                // Serve whichever version is installed; the newest is the one apps roll forward to.
                directory = Directory.GetDirectories(Path.Combine(dotnetRoot, "shared", framework)).Order().Last();
            }
            foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
            {
                files[file] = "/usr/share/dotnet/" + Path.GetRelativePath(dotnetRoot, file);
            }
        }

        var roots = files.Keys.Where(f => f.EndsWith(".so", StringComparison.Ordinal) || f.EndsWith("/dotnet", StringComparison.Ordinal)).ToList();
        foreach (var library in DlopenedLibraries)
        {
            if (FindSystemLibrary(library) is { } path)
            {
                roots.Add(path);
                files[path] = path;
            }
        }
        foreach (var library in SharedLibraryDependencies(roots))
        {
            files[library] = library;
        }
        return files;
    }

    private static string FindDotnetRoot()
    {
        var candidates = new[]
        {
            Environment.GetEnvironmentVariable("DOTNET_ROOT"),
            Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(RuntimeEnvironment.GetRuntimeDirectory().TrimEnd('/')))),
            "/usr/share/dotnet",
            "/usr/lib/dotnet",
        };
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(Path.Combine(c, "dotnet")))
            ?? throw new DirectoryNotFoundException("Cannot find the .NET installation (a folder with `dotnet` and `shared/`); set DOTNET_ROOT.");
    }

    private static string? FindSystemLibrary(string name)
    {
        var folders = new[] { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib" };
        return folders.Select(f => Path.Combine(f, name)).FirstOrDefault(File.Exists);
    }

    /// <summary>Every shared library (and the dynamic loader) the given binaries load, transitively, by ldd.</summary>
    private static IEnumerable<string> SharedLibraryDependencies(IEnumerable<string> binaries)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var chunk in binaries.Chunk(64))
        {
            var start = new ProcessStartInfo("ldd") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var binary in chunk)
            {
                start.ArgumentList.Add(binary);
            }
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start ldd.");
            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            foreach (var line in output.Split('\n'))
            {
                // "libm.so.6 => /lib/x86_64-linux-gnu/libm.so.6 (0x...)" or "/lib64/ld-linux-x86-64.so.2 (0x...)"
                var path = line.Contains("=>") ? line[(line.IndexOf("=>", StringComparison.Ordinal) + 2)..].Trim() : line.Trim();
                var end = path.IndexOf(" (", StringComparison.Ordinal);
                if (end > 0)
                {
                    path = path[..end];
                }
                if (path.StartsWith('/') && File.Exists(path))
                {
                    found.Add(path);
                }
            }
        }
        return found;
    }

    private static string ContentTag(SortedDictionary<string, string> files)
    {
        var description = new StringBuilder();
        foreach (var (source, target) in files)
        {
            var info = new FileInfo(source);
            description.Append(target).Append('|').Append(info.Length).Append('|').Append(info.LastWriteTimeUtc.Ticks).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(description.ToString())))[..16];
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static Stream WriteRootFilesystem(SortedDictionary<string, string> files)
    {
        var stream = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            var directories = new SortedSet<string>(StringComparer.Ordinal) { "etc", "tmp", "app", "usr/bin" };
            foreach (var target in files.Values)
            {
                for (var dir = Path.GetDirectoryName(target.TrimStart('/')); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
                {
                    directories.Add(dir);
                }
            }
            foreach (var directory in directories)
            {
                var mode = directory == "tmp"
                    ? (UnixFileMode)0b1_111_111_111 // sticky, world-writable, like every /tmp
                    : (UnixFileMode)0b111_101_101;
                writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, directory + "/") { Mode = mode });
            }
            WriteText(writer, "etc/passwd", $"root:x:0:0:root:/root:/sbin/nologin\napp:x:{AppUserId}:{AppUserId}:app:/app:/sbin/nologin\n");
            WriteText(writer, "etc/group", $"root:x:0:\napp:x:{AppUserId}:\n");
            writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "usr/bin/dotnet") { LinkName = "../share/dotnet/dotnet", Mode = (UnixFileMode)0b111_111_111 });
            foreach (var (source, target) in files)
            {
                // Symbolic links are followed: the image holds the content under the name the loader asks for.
                var entry = new PaxTarEntry(TarEntryType.RegularFile, target.TrimStart('/'))
                {
                    Mode = File.GetUnixFileMode(source) | UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    DataStream = File.OpenRead(source),
                };
                writer.WriteEntry(entry);
                entry.DataStream.Dispose();
            }
        }
        stream.Position = 0;
        return stream;
    }

    private static void WriteText(TarWriter writer, string path, string content) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path)
        {
            Mode = (UnixFileMode)0b110_100_100,
            DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)),
        });
}
