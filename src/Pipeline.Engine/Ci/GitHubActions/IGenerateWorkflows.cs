namespace Pipeline.Engine.Ci.GitHubActions;

/// <summary>A build component: <c>./build.sh GenerateWorkflows</c> writes the build's GitHub Actions workflows.</summary>
public interface IGenerateWorkflows : INukeBuild
{
    /// <summary>Writes <c>.github/workflows/*.yml</c> from the build's declarations, deleting generated files no declaration produces.</summary>
    Target GenerateWorkflows => _ => _
        .Description("Write .github/workflows/*.yml from the build's [GitHubActionsWorkflow]/[GitHubActionsJob] declarations")
        .Executes(() =>
        {
            var changed = GitHubActionsWorkflows.Write((NukeBuild)this, RootDirectory);
            Log.Information(changed.Count == 0
                ? "The workflows are up to date."
                : $"Wrote {string.Join(", ", changed)}; review the diff and commit it.");
        });
}
