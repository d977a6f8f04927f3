using System.Diagnostics;

namespace Pipeline.Delivery.Docker;

/// <summary>Publishes the scoring service framework-dependent (<c>dotnet publish</c>), the content of the image's /app.</summary>
public static class ServicePublisher
{
    /// <summary>Publishes <paramref name="projectPath"/> in Release into <paramref name="outputDirectory"/> (emptied first).</summary>
    public static async Task PublishAsync(string projectPath, string outputDirectory, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(projectPath))
        {
            throw new FileNotFoundException($"The scoring service project {projectPath} does not exist.", projectPath);
        }
        if (Directory.Exists(outputDirectory))
        {
            Directory.Delete(outputDirectory, recursive: true);
        }
        log?.Invoke($"Publishing {Path.GetFileName(projectPath)} to {outputDirectory}.");
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
    }
}
