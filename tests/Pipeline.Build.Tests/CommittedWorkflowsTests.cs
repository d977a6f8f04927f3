using System.Diagnostics;
using Pipeline.Engine;
using Pipeline.Engine.Ci.GitHubActions;

namespace Pipeline.Build.Tests;

/// <summary>The GitHub Actions workflows in .github/workflows are what the build class declares, and lint clean.</summary>
public sealed class CommittedWorkflowsTests
{
    private static NukeBuild TheBuild() =>
        (NukeBuild)Activator.CreateInstance(Type.GetType("Build, _build", throwOnError: true)!, nonPublic: true)!;

    [Fact]
    public void TheCommittedWorkflows_EqualAFreshGeneration()
    {
        var differences = GitHubActionsWorkflows.Differences(TheBuild(), AbsolutePath.Create(RepositoryRoot.Path));

        Assert.True(differences.Count == 0,
            $"The committed workflows differ from what the build declares: {string.Join("; ", differences)}. Run {GitHubActionsWorkflows.RegenerateCommand} and commit the result.");
    }

    [Fact]
    public void EveryWorkflowJob_DeclaresItsPermissions_AndNoneRunsOnPullRequestTarget()
    {
        foreach (var workflow in GitHubActionsWorkflows.Generate(TheBuild()))
        {
            Assert.Contains("\npermissions: {}\n", workflow.Text);
            Assert.DoesNotContain("pull_request_target", workflow.Text);
            // Every job (one runs-on each) has its own permissions block.
            Assert.Equal(Count(workflow.Text, "\n    runs-on:"), Count(workflow.Text, "\n    permissions:"));
        }
        var pullRequest = GitHubActionsWorkflows.Generate(TheBuild()).Single(w => w.RelativePath.EndsWith("pull-request.yml", StringComparison.Ordinal)).Text;
        // The pull-request job never registers, and its token may only read, comment and set a status.
        Assert.DoesNotContain("Register", pullRequest);
        Assert.DoesNotContain(": write", pullRequest.Replace("pull-requests: write", "").Replace("statuses: write", ""));
    }

    private static int Count(string text, string part) => text.Split(part).Length - 1;

    [SkippableFact]
    public void TheCommittedWorkflows_PassYamllint()
    {
        var yamllint = new[] { "/usr/bin/yamllint", "/usr/local/bin/yamllint" }.FirstOrDefault(File.Exists);
        SkipLocally.Unless(yamllint is not null, "yamllint (Debian package yamllint) is not installed; .ci/run installs it.");
        var files = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, ".github", "workflows"), "*.yml");
        Assert.NotEmpty(files);
        var start = new ProcessStartInfo(yamllint!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--strict", "-c", Path.Combine(RepositoryRoot.Path, ".yamllint.yml") }.Concat(files)) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "yamllint refused the workflows:\n" + output);
    }
}
