namespace Pipeline.Engine.Ci;

/// <summary>
/// The CI server a build runs on, recognised from its standard environment variables. A host may fold each target's
/// log into a collapsible group, turn a failure into an annotation, register secret values with the runner and
/// publish the summary table; the base class does none of that, which is what a laptop gets.
/// </summary>
public class CiHost
{
    /// <summary>A laptop or an unrecognised server: plain output.</summary>
    public static readonly CiHost None = new("", recognisedOnly: true);

    /// <summary>Creates a host that is only named, with plain output.</summary>
    protected internal CiHost(string name, bool recognisedOnly)
    {
        Name = name;
        IsRecognisedOnly = recognisedOnly;
    }

    /// <summary>The host's name as users know it ("GitHub Actions"); empty when none was recognised.</summary>
    public string Name { get; }

    /// <summary>True when the host is named in the header but its log gets no special treatment.</summary>
    public bool IsRecognisedOnly { get; }

    /// <summary>
    /// The host the environment describes: GitHub Actions, GitLab CI fully; Azure Pipelines, TeamCity and Jenkins
    /// by name only; otherwise <see cref="None"/>.
    /// </summary>
    public static CiHost Detect(IReadOnlyDictionary<string, string> environment)
    {
        string? Get(string name) => environment.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
        bool IsTrue(string name) => Get(name) is { } value && (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");

        if (IsTrue("GITHUB_ACTIONS")) return new GitHubActionsHost(Get("GITHUB_STEP_SUMMARY"));
        if (IsTrue("GITLAB_CI")) return new GitLabCiHost();
        if (IsTrue("TF_BUILD")) return new CiHost("Azure Pipelines", recognisedOnly: true);
        if (Get("TEAMCITY_VERSION") is not null) return new CiHost("TeamCity", recognisedOnly: true);
        if (Get("JENKINS_URL") is not null) return new CiHost("Jenkins", recognisedOnly: true);
        return None;
    }

    /// <summary>Makes the runner hide these values in everything the job prints, also output of child processes.</summary>
    internal virtual void RegisterSecrets(BuildOutput output, IReadOnlyCollection<string> secrets) { }

    /// <summary>Opens the target's log section.</summary>
    internal virtual void BeginTarget(BuildOutput output, string target, string header) => output.WriteLine(header, Verbosity.Minimal);

    /// <summary>Closes the target's log section.</summary>
    internal virtual void EndTarget(BuildOutput output, string target) { }

    /// <summary>Reports a failed target where the host shows failures (an annotation on GitHub).</summary>
    internal virtual void TargetFailed(BuildOutput output, string target, string message) { }

    /// <summary>Publishes the run's summary table where the host shows job summaries.</summary>
    internal virtual void PublishSummary(BuildOutput output, IReadOnlyList<ExecutableTarget> plan, TimeSpan total, string verdict) { }
}
