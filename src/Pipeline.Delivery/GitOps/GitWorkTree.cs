using System.Diagnostics;

namespace Pipeline.Delivery.GitOps;

/// <summary>
/// The git command line on one work tree: the user's own git, with its configuration, hooks and credentials, which
/// is what a GitOps repository is normally written with.
/// </summary>
public sealed class GitWorkTree
{
    GitWorkTree(string root) => Root = root;

    /// <summary>The work tree's top folder.</summary>
    public string Root { get; }

    /// <summary>The work tree that <paramref name="folder"/> is in.</summary>
    /// <exception cref="GitOpsException">git is not installed, or the folder is not inside a Git work tree.</exception>
    public static GitWorkTree Containing(string folder)
    {
        var (code, output, error) = Run(folder, "rev-parse", "--show-toplevel");
        if (code != 0)
            throw new GitOpsException($"--gitops {folder} is not inside a Git work tree ({error.Trim()}); clone the GitOps repository (or `git init` it) and pass a folder in it.");
        return new GitWorkTree(output.Trim());
    }

    /// <summary>Stages <paramref name="folder"/> and commits it; null when nothing in it changed.</summary>
    public string? CommitFolder(string folder, string message)
    {
        Check(Run(Root, "add", "--all", "--", folder), "git add");
        if (Run(Root, "diff", "--cached", "--quiet", "--", folder).Code == 0) return null;
        // An identity only when the repository has none, so a configured author (and signing) is kept.
        var identity = Run(Root, "config", "user.email").Code == 0 ? [] : new[] { "-c", "user.name=Pipeline Deploy", "-c", "user.email=pipeline-deploy@localhost" };
        Check(Run(Root, [.. identity, "commit", "--quiet", "-m", message, "--", folder]), "git commit");
        return Head();
    }

    /// <summary>Pushes the current branch to its upstream.</summary>
    public void Push() => Check(Run(Root, "push", "--quiet"), "git push");

    /// <summary>The commit id of HEAD.</summary>
    public string Head() => Check(Run(Root, "rev-parse", "HEAD"), "git rev-parse").Trim();

    /// <summary>The current branch.</summary>
    public string Branch() => Check(Run(Root, "rev-parse", "--abbrev-ref", "HEAD"), "git rev-parse").Trim();

    /// <summary><paramref name="path"/> relative to the work tree, for messages.</summary>
    public string Relative(string path) => Path.GetRelativePath(Root, path);

    static string Check((int Code, string Output, string Error) result, string what) =>
        result.Code == 0 ? result.Output : throw new GitOpsException($"{what} failed (exit {result.Code}): {result.Error.Trim()}");

    static (int Code, string Output, string Error) Run(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Never stop for a credential prompt in a build.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.Result);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new GitOpsException($"--gitops needs the git command line, which could not be started ({e.Message}); install git.");
        }
    }
}
