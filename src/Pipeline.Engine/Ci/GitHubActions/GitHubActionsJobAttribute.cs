namespace Pipeline.Engine.Ci.GitHubActions;

/// <summary>
/// A job of a generated workflow: it checks out the repository, sets up .NET from global.json, restores the NuGet
/// cache, registers and maps its secrets, runs <c>./build.sh</c> with <see cref="Targets"/> and
/// <see cref="Arguments"/>, and uploads <c>artifacts/</c>. Permissions are the job's own (least privilege).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class GitHubActionsJobAttribute : Attribute
{
    /// <summary>Declares job <paramref name="id"/> of workflow <paramref name="workflow"/>, running <paramref name="targets"/>.</summary>
    public GitHubActionsJobAttribute(string workflow, string id, params string[] targets)
    {
        Workflow = workflow;
        Id = id;
        Targets = targets;
    }

    /// <summary>The workflow (<see cref="GitHubActionsWorkflowAttribute.Name"/>) the job belongs to.</summary>
    public string Workflow { get; }

    /// <summary>The job id (letters, digits, '-' and '_').</summary>
    public string Id { get; }

    /// <summary>The targets <c>./build.sh</c> is invoked with (checked against the build's targets).</summary>
    public string[] Targets { get; }

    /// <summary>The job's display name (default: its id).</summary>
    public string? Name { get; set; }

    /// <summary>More words for <c>./build.sh</c>, e.g. <c>["--profile", "ci"]</c>.</summary>
    public string[] Arguments { get; set; } = [];

    /// <summary>
    /// Parameters whose value comes from a repository secret, as <c>Parameter=SECRET_NAME</c> (e.g.
    /// <c>GitHubToken=GITHUB_TOKEN</c>); the job's environment maps the secret to the parameter's variable.
    /// </summary>
    public string[] Secrets { get; set; } = [];

    /// <summary>
    /// Path parameters whose file content comes from a secret, as <c>Parameter=SECRET_NAME</c> (e.g.
    /// <c>Kubeconfig=KUBECONFIG</c>): a step writes the secret to a file in the runner's temp folder, never echoed.
    /// </summary>
    public string[] SecretFiles { get; set; } = [];

    /// <summary>Parameters set to a fixed value or a GitHub expression, as <c>Parameter=value</c>.</summary>
    public string[] Values { get; set; } = [];

    /// <summary>The job's permissions as <c>scope: level</c> (e.g. <c>contents: read</c>); none means no token scopes.</summary>
    public string[] Permissions { get; set; } = [];

    /// <summary>Jobs of the same workflow that must succeed first (their artifacts are downloaded).</summary>
    public string[] Needs { get; set; } = [];

    /// <summary>A GitHub expression that must hold for the job to run (<c>if:</c>).</summary>
    public string? Condition { get; set; }

    /// <summary>Whether <c>artifacts/</c> is uploaded (also when the build failed).</summary>
    public bool UploadArtifacts { get; set; } = true;
}
