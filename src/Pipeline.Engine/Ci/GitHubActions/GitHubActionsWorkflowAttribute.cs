namespace Pipeline.Engine.Ci.GitHubActions;

/// <summary>
/// Declares a GitHub Actions workflow generated from the build: <c>.github/workflows/&lt;name&gt;.yml</c>. Its jobs are
/// declared with <see cref="GitHubActionsJobAttribute"/>; each job only calls <c>./build.sh</c> with targets.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class GitHubActionsWorkflowAttribute : Attribute
{
    /// <summary>Declares the workflow <paramref name="name"/> (also its file name) running on <paramref name="on"/>.</summary>
    public GitHubActionsWorkflowAttribute(string name, GitHubActionsTrigger on)
    {
        Name = name;
        On = on;
    }

    /// <summary>The workflow's name and file name (letters, digits and '-').</summary>
    public string Name { get; }

    /// <summary>The events it runs on.</summary>
    public GitHubActionsTrigger On { get; }

    /// <summary>Branches for pull requests and pushes (default: all).</summary>
    public string[] Branches { get; set; } = [];

    /// <summary>The cron expression for <see cref="GitHubActionsTrigger.Schedule"/>.</summary>
    public string? Cron { get; set; }

    /// <summary>One line on what the workflow is for, written as the file's first comment.</summary>
    public string? Description { get; set; }
}
