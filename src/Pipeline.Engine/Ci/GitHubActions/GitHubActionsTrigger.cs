namespace Pipeline.Engine.Ci.GitHubActions;

/// <summary>The events a generated workflow runs on. <c>pull_request_target</c> is deliberately absent: it runs a fork's
/// code with the base repository's secrets.</summary>
[Flags]
public enum GitHubActionsTrigger
{
    /// <summary>A pull request is opened or updated (<c>pull_request</c>; a fork's token is read-only).</summary>
    PullRequest = 1,
    /// <summary>A push to the workflow's branches.</summary>
    Push = 2,
    /// <summary>A schedule (<see cref="GitHubActionsWorkflowAttribute.Cron"/>).</summary>
    Schedule = 4,
    /// <summary>Started by hand from the Actions tab or the API.</summary>
    WorkflowDispatch = 8,
}
