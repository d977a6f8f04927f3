using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pipeline.Delivery.Tests.Kubernetes;

/// <summary>
/// An in-process STAND-IN for a Kubernetes API server (no cluster can run here): a Kestrel app on a free
/// loopback port that stores server-side-applied objects, records every request, and plays the Deployment
/// controller just enough for rollout status. Like the real controller it lags: the first read of a Deployment
/// after an apply still reports the status of the previous generation. Then images whose tag contains "broken"
/// never become available and end with ProgressDeadlineExceeded, images whose tag contains "slow" keep
/// progressing without ever becoming available, and every other image is available.
/// </summary>
public sealed class KubernetesApiServerStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _objects = new();
    private readonly ConcurrentDictionary<string, JsonNode?> _reportedStatus = new();
    private readonly ConcurrentDictionary<string, bool> _notYetObserved = new();

    /// <summary>Applies to paths containing any of these fragments are refused with 403 Forbidden (RBAC, missing APIs).</summary>
    public ConcurrentBag<string> RefusedPathFragments { get; } = [];

    /// <summary>When set, a refusal's body echoes the request's Authorization header, as some proxies and API servers do.</summary>
    public bool EchoAuthorizationInRefusals { get; set; }

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>The base address (http://127.0.0.1:port).</summary>
    public Uri Address { get; private set; } = null!;

    private KubernetesApiServerStandIn(WebApplication app)
    {
        _app = app;
        app.Run(HandleAsync);
    }

    /// <summary>Starts the stand-in on a free loopback port.</summary>
    public static async Task<KubernetesApiServerStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var standIn = new KubernetesApiServerStandIn(builder.Build());
        await standIn._app.StartAsync();
        standIn.Address = new Uri(standIn._app.Urls.First());
        return standIn;
    }

    /// <summary>The stored object at an API path, e.g. /apis/apps/v1/namespaces/ns/deployments/name.</summary>
    public JsonObject? Stored(string path) => _objects.TryGetValue(path, out var value) ? value : null;

    /// <summary>Writes a kubeconfig pointing at this stand-in with a bearer <paramref name="token"/>; returns its path.</summary>
    /// <param name="directory">Where to write it.</param>
    /// <param name="token">The bearer token.</param>
    /// <param name="serverUserInfo">Credentials written into the server address itself (user:password), or null.</param>
    public string WriteKubeconfig(string directory, string token, string? serverUserInfo = null)
    {
        var path = Path.Combine(directory, "kubeconfig");
        var server = serverUserInfo is null ? Address.ToString().TrimEnd('/') : $"http://{serverUserInfo}@{Address.Authority}";
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: stand-in
              cluster:
                server: {server}
            users:
            - name: deployer
              user:
                token: {token}
            contexts:
            - name: stand-in
              context:
                cluster: stand-in
                user: deployer
            current-context: stand-in
            """);
        return path;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var body = await new StreamReader(request.Body).ReadToEndAsync();
        var path = request.Path.Value ?? "";
        Requests.Enqueue(new RecordedRequest(request.Method, path, request.QueryString.Value ?? "", request.ContentType ?? "",
            request.Headers.Authorization.ToString(), body));

        switch (request.Method)
        {
            case "PATCH" when RefusedPathFragments.Any(f => path.Contains(f, StringComparison.Ordinal)):
                await WriteJsonAsync(context, 403, new JsonObject
                {
                    ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Failure", ["reason"] = "Forbidden", ["code"] = 403,
                    ["message"] = EchoAuthorizationInRefusals ? $"forbidden; request headers: Authorization: {request.Headers.Authorization}" : "forbidden",
                });
                break;
            case "PATCH":
                var applied = JsonNode.Parse(body)!.AsObject();
                var generation = (Stored(path)?["metadata"]?["generation"]?.GetValue<long>() ?? 0) + 1;
                applied["metadata"]!["generation"] = generation;
                _objects[path] = applied;
                _notYetObserved[path] = true;
                await WriteJsonAsync(context, 200, Report(path, applied, isApplyAnswer: true));
                break;
            case "GET" when Stored(path) is { } stored:
                await WriteJsonAsync(context, 200, Report(path, stored, isApplyAnswer: false));
                break;
            case "GET":
                await WriteJsonAsync(context, 404, new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Failure", ["reason"] = "NotFound", ["code"] = 404 });
                break;
            case "DELETE":
                _objects.TryRemove(path, out _);
                _reportedStatus.TryRemove(path, out _);
                await WriteJsonAsync(context, 200, new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Success" });
                break;
            default:
                await WriteJsonAsync(context, 405, new JsonObject { ["kind"] = "Status", ["code"] = 405 });
                break;
        }
    }

    /// <summary>
    /// A Deployment as the controller would report it: right after an apply (and for the apply's own answer) the
    /// status of the previous generation, from the next read on the new one's. Other kinds as stored.
    /// </summary>
    private JsonObject Report(string path, JsonObject stored, bool isApplyAnswer)
    {
        var copy = stored.DeepClone().AsObject();
        if (!path.Contains("/deployments/", StringComparison.Ordinal))
        {
            return copy;
        }
        if (isApplyAnswer || _notYetObserved.TryRemove(path, out _))
        {
            if (_reportedStatus.TryGetValue(path, out var stale))
            {
                copy["status"] = stale?.DeepClone();
            }
            return copy;
        }
        copy["status"] = StatusOf(copy);
        _reportedStatus[path] = copy["status"]!.DeepClone();
        return copy;
    }

    private static JsonObject StatusOf(JsonObject copy)
    {
        var replicas = copy["spec"]?["replicas"]?.GetValue<int>() ?? 1;
        var generation = copy["metadata"]!["generation"]!.GetValue<long>();
        var image = copy["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"]?.GetValue<string>() ?? "";
        var broken = image.Contains("broken", StringComparison.Ordinal);
        var stuck = broken || image.Contains("slow", StringComparison.Ordinal);
        return new JsonObject
        {
            ["observedGeneration"] = generation,
            ["replicas"] = stuck ? replicas + 1 : replicas,
            ["updatedReplicas"] = stuck ? 1 : replicas,
            ["availableReplicas"] = stuck ? 0 : replicas,
            ["readyReplicas"] = stuck ? 0 : replicas,
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Progressing",
                ["status"] = broken ? "False" : "True",
                ["reason"] = broken ? "ProgressDeadlineExceeded" : stuck ? "ReplicaSetUpdated" : "NewReplicaSetAvailable",
                ["message"] = broken ? "ReplicaSet has timed out progressing." : stuck ? "ReplicaSet is progressing." : "ReplicaSet has successfully progressed.",
            }),
        };
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>One request as the stand-in received it.</summary>
    public sealed record RecordedRequest(string Method, string Path, string Query, string ContentType, string Authorization, string Body);
}
