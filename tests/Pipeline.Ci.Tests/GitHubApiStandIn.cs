using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pipeline.Ci.Tests;

/// <summary>
/// A local HTTP stand-in of the GitHub REST API (no GitHub is reachable from here): just the endpoints the reports
/// use — issue comments, commit statuses, issues — under /api/v3/ as an Enterprise server serves them. It keeps their
/// state in memory and records every request, so tests can assert what was posted and that the token appears only in
/// the Authorization header.
/// </summary>
public sealed class GitHubApiStandIn : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly object _gate = new();
    private long _nextId = 1000;

    public GitHubApiStandIn()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    /// <summary>GITHUB_API_URL for this stand-in.</summary>
    public string ApiUrl => $"http://127.0.0.1:{Port}/api/v3";

    /// <summary>When set, every request is answered with this status (and, for 403 with a rate-limit body, as GitHub does).</summary>
    public HttpStatusCode? FailWith { get; set; }

    /// <summary>When true, a 403 is GitHub's rate-limit answer.</summary>
    public bool FailAsRateLimit { get; set; }

    public List<RecordedRequest> Requests { get; } = new();
    public Dictionary<int, List<(long Id, string Body)>> Comments { get; } = new();
    public List<(string Sha, string State, string Context, string Description)> Statuses { get; } = new();
    public List<(int Number, string Title, string Body, string State)> Issues { get; } = new();

    public sealed record RecordedRequest(string Method, string Path, string? Authorization, string Body);

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            try { Handle(context); }
            catch (Exception e)
            {
                context.Response.StatusCode = 500;
                Write(context, new JsonObject { ["message"] = e.Message });
            }
        }
    }

    private void Handle(HttpListenerContext context)
    {
        var request = context.Request;
        var body = new StreamReader(request.InputStream, Encoding.UTF8).ReadToEnd();
        var path = request.Url!.AbsolutePath;
        lock (_gate) Requests.Add(new RecordedRequest(request.HttpMethod, request.Url.PathAndQuery, request.Headers["Authorization"], body));

        if (FailWith is { } status)
        {
            context.Response.StatusCode = (int)status;
            if (status == HttpStatusCode.Forbidden && FailAsRateLimit)
            {
                context.Response.Headers["X-RateLimit-Limit"] = "60";
                context.Response.Headers["X-RateLimit-Remaining"] = "0";
                context.Response.Headers["X-RateLimit-Reset"] = "1893456000";
                Write(context, new JsonObject { ["message"] = "API rate limit exceeded for installation." });
            }
            else
            {
                // A proxy that echoes the request's headers: the client must never print this body.
                Write(context, new JsonObject { ["message"] = "refused", ["echo"] = request.Headers["Authorization"] });
            }
            return;
        }

        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        // api/v3/repos/{owner}/{repo}/...
        if (parts.Length < 5 || parts[0] != "api" || parts[1] != "v3" || parts[2] != "repos") { NotFound(context); return; }
        var rest = parts[5..];
        var json = body.Length > 0 ? JsonNode.Parse(body) : null;
        lock (_gate)
        {
            switch (request.HttpMethod, rest)
            {
                case ("GET", ["issues", var n, "comments"]):
                    var list = Comments.GetValueOrDefault(int.Parse(n)) ?? [];
                    Write(context, new JsonArray(list.Select(c => (JsonNode)Comment(c.Id, c.Body)).ToArray()));
                    return;
                case ("POST", ["issues", var n, "comments"]):
                    var id = _nextId++;
                    var text = json!["body"]!.GetValue<string>();
                    if (!Comments.TryGetValue(int.Parse(n), out var comments)) Comments[int.Parse(n)] = comments = [];
                    comments.Add((id, text));
                    context.Response.StatusCode = 201;
                    Write(context, Comment(id, text));
                    return;
                case ("PATCH", ["issues", "comments", var commentId]):
                    var cid = long.Parse(commentId);
                    foreach (var (_, all) in Comments)
                        for (var i = 0; i < all.Count; i++)
                            if (all[i].Id == cid) all[i] = (cid, json!["body"]!.GetValue<string>());
                    Write(context, Comment(cid, json!["body"]!.GetValue<string>()));
                    return;
                case ("POST", ["statuses", var sha]):
                    Statuses.Add((sha, json!["state"]!.GetValue<string>(), json["context"]!.GetValue<string>(), json["description"]?.GetValue<string>() ?? ""));
                    context.Response.StatusCode = 201;
                    Write(context, new JsonObject { ["id"] = _nextId++, ["state"] = json["state"]!.GetValue<string>(), ["context"] = json["context"]!.GetValue<string>() });
                    return;
                case ("GET", ["issues"]):
                    var state = request.QueryString["state"] ?? "open";
                    Write(context, new JsonArray(Issues.Where(i => state == "all" || i.State == state).Select(i => (JsonNode)Issue(i)).ToArray()));
                    return;
                case ("POST", ["issues"]):
                    var issue = (Issues.Count + 1, json!["title"]!.GetValue<string>(), json["body"]?.GetValue<string>() ?? "", "open");
                    Issues.Add(issue);
                    context.Response.StatusCode = 201;
                    Write(context, Issue(issue));
                    return;
                case ("PATCH", ["issues", var n]):
                    var index = Issues.FindIndex(i => i.Number == int.Parse(n));
                    var current = Issues[index];
                    Issues[index] = (current.Number, json!["title"]?.GetValue<string>() ?? current.Title, json["body"]?.GetValue<string>() ?? current.Body,
                        json["state"]?.GetValue<string>() ?? current.State);
                    Write(context, Issue(Issues[index]));
                    return;
            }
        }
        NotFound(context);
    }

    private JsonObject Comment(long id, string body) => new()
    {
        ["id"] = id, ["node_id"] = "C" + id, ["body"] = body, ["url"] = $"{ApiUrl}/comments/{id}", ["html_url"] = $"http://github.example/c/{id}",
        ["created_at"] = "2026-11-30T00:00:00Z", ["user"] = new JsonObject { ["login"] = "github-actions[bot]", ["id"] = 41898282 },
    };

    private static JsonObject Issue((int Number, string Title, string Body, string State) issue) => new()
    {
        ["id"] = 5000 + issue.Number, ["number"] = issue.Number, ["title"] = issue.Title, ["body"] = issue.Body, ["state"] = issue.State,
        ["created_at"] = "2026-11-30T00:00:00Z", ["user"] = new JsonObject { ["login"] = "github-actions[bot]", ["id"] = 41898282 },
    };

    private static void NotFound(HttpListenerContext context)
    {
        context.Response.StatusCode = 404;
        Write(context, new JsonObject { ["message"] = "Not Found" });
    }

    private static void Write(HttpListenerContext context, JsonNode node)
    {
        var bytes = Encoding.UTF8.GetBytes(node.ToJsonString(new JsonSerializerOptions()));
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength64 = bytes.Length;
        context.Response.OutputStream.Write(bytes);
        context.Response.Close();
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
    }
}
