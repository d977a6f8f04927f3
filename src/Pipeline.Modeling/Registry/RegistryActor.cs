namespace Pipeline.Modeling.Registry;

/// <summary>Who is recording an event: the CI system's actor and run when on CI, else user@host.</summary>
public static class RegistryActor
{
    /// <summary>The actor of this process, from the CI system's variables (GitHub Actions, GitLab CI, generic CI) or the user and machine.</summary>
    public static string Current()
    {
        static string? Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
        if (Variable("GITHUB_ACTIONS") is not null)
            return $"{Variable("GITHUB_ACTOR") ?? "github-actions"}@github-actions (run {Variable("GITHUB_RUN_ID") ?? "?"})";
        if (Variable("GITLAB_CI") is not null)
            return $"{Variable("GITLAB_USER_LOGIN") ?? "gitlab"}@gitlab-ci (job {Variable("CI_JOB_ID") ?? "?"})";
        if (Variable("CI") is not null)
            return $"ci@{Environment.MachineName}";
        return $"{Environment.UserName}@{Environment.MachineName}";
    }
}
