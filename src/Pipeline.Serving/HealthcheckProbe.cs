using Pipeline.Serving.Configuration;

namespace Pipeline.Serving;

/// <summary>
/// <c>Pipeline.Serving --healthcheck</c>: GETs the local <c>/health</c> and exits 0 or 1, so an image's
/// HEALTHCHECK needs no curl in the base image.
/// </summary>
public static class HealthcheckProbe
{
    /// <summary>Probes the port configured by <c>Serving__Port</c> (or <c>--Serving:Port=</c>); returns the exit code.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration)
    {
        int port;
        try
        {
            port = configuration.GetValue($"{ServingOptions.Section}:Port", new ServingOptions().Port);
        }
        catch (InvalidOperationException)
        {
            Console.WriteLine($"Serving:Port \"{configuration[$"{ServingOptions.Section}:Port"]}\" is not a port number; nothing to probe.");
            return 1;
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync($"http://127.0.0.1:{port}/health");
            Console.WriteLine($"GET /health on port {port}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"GET /health on port {port} failed: {e.Message}");
            return 1;
        }
    }
}
