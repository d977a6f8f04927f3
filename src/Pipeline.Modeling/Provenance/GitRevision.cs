using System.Diagnostics;

namespace Pipeline.Modeling.Provenance;

/// <summary>The repository's commit, recorded with every run and registered model for lineage.</summary>
public static class GitRevision
{
    /// <summary>
    /// The commit checked out in <paramref name="repositoryDirectory"/>, with "-dirty" when tracked files have
    /// uncommitted changes; "unknown" when git or the repository is not available.
    /// </summary>
    public static string Describe(string repositoryDirectory)
    {
        var commit = Git(repositoryDirectory, "rev-parse", "HEAD");
        if (commit is null) return "unknown";
        var changes = Git(repositoryDirectory, "status", "--porcelain", "--untracked-files=no");
        return string.IsNullOrWhiteSpace(changes) ? commit : commit + "-dirty";
    }

    static string? Git(string directory, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            using var process = Process.Start(start);
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            if (!process.WaitForExit(10_000) || process.ExitCode != 0) return null;
            return output.Trim();
        }
        catch (System.ComponentModel.Win32Exception) { return null; }
    }
}
