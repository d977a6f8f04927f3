using System.Diagnostics;

namespace Pipeline.Delivery.Docker;

/// <summary>
/// Publishes the scoring service framework-dependent (<c>dotnet publish</c>), the content of the image's /app, and skips
/// the publish when the sources it is made from are unchanged since the last one into the same folder.
/// </summary>
public static class ServicePublisher
{
    /// <summary>The file, beside the publish folder, recording the sources' fingerprint at the last publish.</summary>
    public const string FingerprintFileName = "publish.sources";

    /// <summary>
    /// Publishes <paramref name="projectPath"/> in Release into <paramref name="outputDirectory"/> (emptied first), unless
    /// that folder holds a publish of the same sources (<see cref="PublishSources"/>). Release is the configuration
    /// ./build.sh compiles the libraries in, so a publish after a ./build.sh compiles the service alone.
    /// Returns true when it published, false when the previous publish was up to date.
    /// </summary>
    public static async Task<bool> PublishAsync(string projectPath, string outputDirectory, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(projectPath))
        {
            throw new FileNotFoundException($"The scoring service project {projectPath} does not exist.", projectPath);
        }
        var fingerprintFile = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outputDirectory))!, FingerprintFileName);
        var fingerprint = PublishSources.Fingerprint(projectPath);
        if (Directory.Exists(outputDirectory) && File.Exists(fingerprintFile) && await File.ReadAllTextAsync(fingerprintFile, cancellationToken) == fingerprint)
        {
            log?.Invoke($"The service's sources are unchanged since the publish in {outputDirectory}; reusing it.");
            return false;
        }
        if (File.Exists(fingerprintFile))
        {
            File.Delete(fingerprintFile);
        }
        if (Directory.Exists(outputDirectory))
        {
            Directory.Delete(outputDirectory, recursive: true);
        }
        log?.Invoke($"Publishing {Path.GetFileName(projectPath)} to {outputDirectory}.");
        var watch = Stopwatch.StartNew();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Portable and framework-dependent: the base image brings the runtime; UseAppHost=false because
        // the entry point is `dotnet Pipeline.Serving.dll`.
        foreach (var argument in new[] { "publish", projectPath, "-c", "Release", "-o", outputDirectory, "-p:UseAppHost=false", "-nologo", "-v", "quiet" })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start `dotnet publish`.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            var lines = ((await output) + (await error)).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(15);
            throw new InvalidOperationException(
                $"`dotnet publish {projectPath}` failed with exit code {process.ExitCode}:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", lines)}");
        }
        await File.WriteAllTextAsync(fingerprintFile, fingerprint, cancellationToken);
        log?.Invoke($"Published {Path.GetFileName(projectPath)} in {watch.Elapsed.TotalSeconds:0.0} s.");
        return true;
    }
}
