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
/// controller just enough for rollout status: images whose tag contains "broken" never become available
/// and end with ProgressDeadlineExceeded; every other image is available at once.
/// </summary>
public sealed class KubernetesApiServerStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _objects = new();

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
    public string WriteKubeconfig(string directory, string token)
    {
        var path = Path.Combine(directory, "kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: stand-in
              cluster:
                server: {Address.ToString().TrimEnd('/')}
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
            case "PATCH":
                var applied = JsonNode.Parse(body)!.AsObject();
                var generation = (Stored(path)?["metadata"]?["generation"]?.GetValue<long>() ?? 0) + 1;
                applied["metadata"]!["generation"] = generation;
                _objects[path] = applied;
                await WriteJsonAsync(context, 200, WithStatus(path, applied));
                break;
            case "GET" when Stored(path) is { } stored:
                await WriteJsonAsync(context, 200, WithStatus(path, stored));
                break;
            case "GET":
                await WriteJsonAsync(context, 404, new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Failure", ["reason"] = "NotFound", ["code"] = 404 });
                break;
            case "DELETE":
                _objects.TryRemove(path, out _);
                await WriteJsonAsync(context, 200, new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Success" });
                break;
            default:
                await WriteJsonAsync(context, 405, new JsonObject { ["kind"] = "Status", ["code"] = 405 });
                break;
        }
    }

    /// <summary>A Deployment as the controller would report it; other kinds as stored.</summary>
    private static JsonObject WithStatus(string path, JsonObject stored)
    {
        var copy = stored.DeepClone().AsObject();
        if (!path.Contains("/deployments/", StringComparison.Ordinal))
        {
            return copy;
        }
        var replicas = copy["spec"]?["replicas"]?.GetValue<int>() ?? 1;
        var generation = copy["metadata"]!["generation"]!.GetValue<long>();
        var image = copy["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"]?.GetValue<string>() ?? "";
        var broken = image.Contains("broken", StringComparison.Ordinal);
        copy["status"] = new JsonObject
        {
            ["observedGeneration"] = generation,
            ["replicas"] = broken ? replicas + 1 : replicas,
            ["updatedReplicas"] = broken ? 1 : replicas,
            ["availableReplicas"] = broken ? 0 : replicas,
            ["readyReplicas"] = broken ? 0 : replicas,
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Progressing",
                ["status"] = broken ? "False" : "True",
                ["reason"] = broken ? "ProgressDeadlineExceeded" : "NewReplicaSetAvailable",
                ["message"] = broken ? "ReplicaSet has timed out progressing." : "ReplicaSet has successfully progressed.",
            }),
        };
        return copy;
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
