using Octokit;
using Octokit.Internal;

namespace Pipeline.Ci.GitHub;

/// <summary>
/// Posts to GitHub through Octokit: one sticky comment per marker on a pull request (created once, then updated, never
/// duplicated), commit statuses, and one issue per marker (opened or updated while a condition holds, closed when it
/// ends). Every call answers with a <see cref="PublishOutcome"/>: an HTTP or network failure is one clear line, never
/// an exception that would hide the gate's own verdict.
/// </summary>
public sealed class GitHubPublisher
{
    private readonly IGitHubClient _client;
    private readonly GitHubRunContext _run;

    /// <summary>Creates a publisher for <paramref name="run"/>, authenticating with <paramref name="token"/>.</summary>
    public GitHubPublisher(GitHubRunContext run, string token)
    {
        _run = run;
        // GITHUB_API_URL decides where requests go (github.com, an Enterprise server, or a local stand-in in tests); with
        // a trailing slash, so that relative paths land under an Enterprise server's /api/v3/ rather than replace it.
        var connection = new Connection(new ProductHeaderValue("pipeline-build"), new Uri(run.ApiUrl.TrimEnd('/') + "/"), new InMemoryCredentialStore(new Credentials(token)));
        _client = new GitHubClient(connection);
    }

    /// <summary>Creates or updates the pull request's comment that starts with <paramref name="marker"/>.</summary>
    public async Task<PublishOutcome> UpsertPullRequestCommentAsync(string marker, string body, CancellationToken cancellationToken = default)
    {
        if (_run.PullRequestNumber is not { } number) return PublishOutcome.Skipped("this run is not for a pull request, so no comment was posted");
        return await Attempt("comment on the pull request", async () =>
        {
            var comments = await _client.Issue.Comment.GetAllForIssue(_run.Owner, _run.Repository, number);
            // The marker is the comment's first line; a comment that merely quotes it elsewhere is not ours.
            var existing = comments.FirstOrDefault(c => c.Body is { } text && text.StartsWith(marker, StringComparison.Ordinal));
            if (existing is not null)
            {
                await _client.Issue.Comment.Update(_run.Owner, _run.Repository, existing.Id, body);
                return PublishOutcome.Done($"updated the comment on pull request #{number}");
            }
            await _client.Issue.Comment.Create(_run.Owner, _run.Repository, number, body);
            return PublishOutcome.Done($"commented on pull request #{number}");
        });
    }

    /// <summary>Sets the commit status <paramref name="context"/> on the run's head commit.</summary>
    public async Task<PublishOutcome> SetCommitStatusAsync(string context, bool success, string description, CancellationToken cancellationToken = default)
    {
        if (_run.HeadSha is not { } sha) return PublishOutcome.Skipped("the run names no commit (GITHUB_SHA), so no status was set");
        return await Attempt("set the commit status", async () =>
        {
            await _client.Repository.Status.Create(_run.Owner, _run.Repository, sha, new NewCommitStatus
            {
                State = success ? CommitState.Success : CommitState.Failure,
                Context = context,
                // GitHub refuses descriptions over 140 characters.
                Description = description.Length <= 140 ? description : description[..139] + "…",
                TargetUrl = _run.RunUrl,
            });
            return PublishOutcome.Done($"set status '{context}' to {(success ? "success" : "failure")} on {sha[..Math.Min(12, sha.Length)]}");
        });
    }

    /// <summary>
    /// Opens the issue whose body starts with <paramref name="marker"/>, or updates it when one is open: one issue per
    /// marker however often the condition is reported.
    /// </summary>
    public async Task<PublishOutcome> OpenOrUpdateIssueAsync(string marker, string title, string body, CancellationToken cancellationToken = default) =>
        await Attempt("open or update the issue", async () =>
        {
            var open = await FindOpenIssueAsync(marker);
            if (open is not null)
            {
                await _client.Issue.Update(_run.Owner, _run.Repository, open.Number, new IssueUpdate { Title = title, Body = body });
                return PublishOutcome.Done($"updated issue #{open.Number}");
            }
            var created = await _client.Issue.Create(_run.Owner, _run.Repository, new NewIssue(title) { Body = body });
            return PublishOutcome.Done($"opened issue #{created.Number}");
        });

    /// <summary>Closes the open issue whose body starts with <paramref name="marker"/>, with a comment saying why; nothing when none is open.</summary>
    public async Task<PublishOutcome> CloseIssueAsync(string marker, string comment, CancellationToken cancellationToken = default) =>
        await Attempt("close the issue", async () =>
        {
            var open = await FindOpenIssueAsync(marker);
            if (open is null) return PublishOutcome.Skipped("no open issue to close");
            await _client.Issue.Comment.Create(_run.Owner, _run.Repository, open.Number, comment);
            await _client.Issue.Update(_run.Owner, _run.Repository, open.Number, new IssueUpdate { State = ItemState.Closed });
            return PublishOutcome.Done($"closed issue #{open.Number}");
        });

    private async Task<Issue?> FindOpenIssueAsync(string marker)
    {
        var issues = await _client.Issue.GetAllForRepository(_run.Owner, _run.Repository, new RepositoryIssueRequest { State = ItemStateFilter.Open });
        return issues.FirstOrDefault(i => i.PullRequest is null && i.Body is { } body && body.StartsWith(marker, StringComparison.Ordinal));
    }

    // One line per failure, naming what was attempted and what to do; the response body is not quoted (a proxy may
    // echo request headers, and with them the token).
    private static async Task<PublishOutcome> Attempt(string what, Func<Task<PublishOutcome>> action)
    {
        try
        {
            return await action();
        }
        catch (RateLimitExceededException e)
        {
            return PublishOutcome.Failed($"could not {what}: GitHub's rate limit is exhausted until {e.Reset:u}.");
        }
        catch (AuthorizationException)
        {
            return PublishOutcome.Failed($"could not {what}: GitHub refused the token (401); check the GitHubToken secret.");
        }
        catch (ForbiddenException)
        {
            return PublishOutcome.Failed($"could not {what}: the token may not do this (403); a pull request from a fork gets a read-only token, and the job needs the permissions its workflow declares.");
        }
        catch (NotFoundException)
        {
            return PublishOutcome.Failed($"could not {what}: GitHub answered 404; the repository or pull request does not exist or the token cannot see it.");
        }
        catch (ApiException e)
        {
            return PublishOutcome.Failed($"could not {what}: GitHub answered {(int)e.StatusCode} {e.StatusCode}.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return PublishOutcome.Failed($"could not {what}: GitHub could not be reached ({e.GetBaseException().Message}).");
        }
    }
}
