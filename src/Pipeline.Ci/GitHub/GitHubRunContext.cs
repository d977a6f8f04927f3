using System.Text.Json;

namespace Pipeline.Ci.GitHub;

/// <summary>
/// The GitHub Actions run a report belongs to, read from the runner's standard environment: the API address, the
/// repository, the workflow, the run, and — for a <c>pull_request</c> event — the pull request's number and head commit.
/// </summary>
/// <param name="ApiUrl">GITHUB_API_URL (https://api.github.com, or an Enterprise server's /api/v3).</param>
/// <param name="Owner">The repository's owner.</param>
/// <param name="Repository">The repository's name.</param>
/// <param name="Workflow">GITHUB_WORKFLOW: the workflow's name, which keeps two workflows' comments apart.</param>
/// <param name="RunUrl">The run's page, linked from comments and statuses; null when unknown.</param>
/// <param name="PullRequestNumber">The pull request's number; null for other events.</param>
/// <param name="HeadSha">The commit the status is set on (the pull request's head, else GITHUB_SHA).</param>
/// <param name="StepSummaryPath">GITHUB_STEP_SUMMARY, the job summary's file; null outside a job.</param>
public sealed record GitHubRunContext(string ApiUrl, string Owner, string Repository, string Workflow, string? RunUrl,
    int? PullRequestNumber, string? HeadSha, string? StepSummaryPath)
{
    /// <summary>
    /// The run described by <paramref name="environment"/>, or null when it is not a GitHub Actions run
    /// (GITHUB_ACTIONS is not true): outside CI a report is only written to a file.
    /// </summary>
    /// <exception cref="CiException">GITHUB_ACTIONS is true but a variable the report needs is missing or malformed.</exception>
    public static GitHubRunContext? FromEnvironment(IReadOnlyDictionary<string, string?> environment)
    {
        string? Get(string name) => environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
        if (!string.Equals(Get("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase)) return null;

        var repository = Get("GITHUB_REPOSITORY") ?? throw new CiException("GITHUB_ACTIONS is true but GITHUB_REPOSITORY is not set; expected owner/name.");
        var slash = repository.IndexOf('/');
        if (slash <= 0 || slash == repository.Length - 1 || repository.IndexOf('/', slash + 1) >= 0)
            throw new CiException($"GITHUB_REPOSITORY is '{Shorten(repository)}'; expected owner/name.");
        var apiUrl = Get("GITHUB_API_URL") ?? "https://api.github.com";
        if (!Uri.TryCreate(apiUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
            throw new CiException($"GITHUB_API_URL is '{Shorten(apiUrl)}'; expected an http(s) address such as https://api.github.com.");

        var (number, head) = ReadEvent(Get("GITHUB_EVENT_PATH"));
        var server = Get("GITHUB_SERVER_URL");
        var runId = Get("GITHUB_RUN_ID");
        return new GitHubRunContext(apiUrl, repository[..slash], repository[(slash + 1)..], Get("GITHUB_WORKFLOW") ?? "workflow",
            server is not null && runId is not null ? $"{server.TrimEnd('/')}/{repository}/actions/runs/{runId}" : null,
            number, head ?? Get("GITHUB_SHA"), Get("GITHUB_STEP_SUMMARY"));
    }

    /// <summary>The process's environment as a dictionary.</summary>
    public static IReadOnlyDictionary<string, string?> ProcessEnvironment()
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
            if (entry.Key is string key) variables[key] = entry.Value as string;
        return variables;
    }

    // The event payload of a pull_request run holds the number and the head commit; other events have neither.
    private static (int? Number, string? Head) ReadEvent(string? path)
    {
        if (path is null || !File.Exists(path)) return (null, null);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            if (!document.RootElement.TryGetProperty("pull_request", out var pullRequest) || pullRequest.ValueKind != JsonValueKind.Object) return (null, null);
            int? number = pullRequest.TryGetProperty("number", out var n) && n.TryGetInt32(out var value) ? value : null;
            string? head = pullRequest.TryGetProperty("head", out var h) && h.TryGetProperty("sha", out var sha) ? sha.GetString() : null;
            return (number, head);
        }
        catch (JsonException e)
        {
            throw new CiException($"GITHUB_EVENT_PATH {path} is not valid JSON ({e.Message}); cannot tell which pull request this run is for.");
        }
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
