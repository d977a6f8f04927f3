using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Pipeline.Delivery.Local;

/// <summary>
/// Decides whether a freshly started scoring service is serving: <c>/ready</c> answers 200, and then a smoke-test
/// <c>/predict</c> with the model's own input example (from <c>/model</c>) answers with a prediction. A service that
/// is ready but cannot predict is not serving. Apart from the container engine, so that it can be tested against a
/// local HTTP stand-in.
/// </summary>
public static class ServingProbe
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Polls <paramref name="url"/>/ready until it answers 200, then smoke-tests /predict; returns the model version
    /// predicted with. All of it within <paramref name="timeout"/>; a single slow answer is one failed attempt, not
    /// the end of the wait.
    /// </summary>
    /// <param name="url">The service's base address (ending in /).</param>
    /// <param name="whyStopped">Before each attempt: why the service is no longer running (it will never answer), or null while it runs.</param>
    /// <param name="timeout">The ready timeout.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="ServiceNotServingException">It stopped, the timeout ended, or the smoke prediction failed; the message says which.</exception>
    public static async Task<string> WaitUntilServingAsync(Uri url, Func<CancellationToken, Task<string?>> whyStopped, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        // Each call is bounded by the tokens below; HttpClient's own 100 s timeout would only blur which one fired.
        using var http = new HttpClient { BaseAddress = url, Timeout = Timeout.InfiniteTimeSpan };
        var last = "nothing answered yet";
        try
        {
            while (true)
            {
                if (await whyStopped(deadline.Token) is { } stopped)
                {
                    throw new ServiceNotServingException(stopped);
                }
                using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token))
                {
                    attempt.CancelAfter(AttemptTimeout);
                    try
                    {
                        using var ready = await http.GetAsync("ready", attempt.Token);
                        if (ready.IsSuccessStatusCode)
                        {
                            break;
                        }
                        last = $"{url}ready answered {(int)ready.StatusCode}";
                    }
                    catch (HttpRequestException e)
                    {
                        last = $"{url}ready: {e.Message}";
                    }
                    catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
                    {
                        last = $"{url}ready did not answer within {AttemptTimeout.TotalSeconds:0} s";
                    }
                }
                await Task.Delay(PollInterval, deadline.Token);
            }
            return await SmokeTestAsync(http, url, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ServiceNotServingException($"it was not serving within the ready timeout of {timeout.TotalSeconds:0} s (last: {last})");
        }
    }

    /// <summary>Posts the model's own input example (from /model) to /predict; returns the model version it answered with.</summary>
    private static async Task<string> SmokeTestAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        using var model = await http.GetFromJsonAsync<JsonDocument>("model", cancellationToken)
            ?? throw new ServiceNotServingException($"{url}model returned nothing");
        if (!model.RootElement.TryGetProperty("inputExample", out var example))
        {
            throw new ServiceNotServingException($"{url}model does not include the model's inputExample for the smoke test");
        }
        using var predict = await http.PostAsync("predict", new StringContent(example.GetRawText(), Encoding.UTF8, "application/json"), cancellationToken);
        var body = await predict.Content.ReadAsStringAsync(cancellationToken);
        if (!predict.IsSuccessStatusCode)
        {
            throw new ServiceNotServingException($"the smoke-test /predict with the model's input example answered {(int)predict.StatusCode}: {Prefix(body)}");
        }
        try
        {
            using var prediction = JsonDocument.Parse(body);
            var first = prediction.RootElement.ValueKind == JsonValueKind.Array ? prediction.RootElement[0] : prediction.RootElement;
            return first.GetProperty("modelVersion").ToString();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new ServiceNotServingException($"the smoke-test /predict with the model's input example answered {(int)predict.StatusCode} without a prediction's modelVersion: {Prefix(body)}");
        }
    }

    // A remote body is quoted, never echoed whole.
    private static string Prefix(string body) => body.Length <= 300 ? body : body[..300] + $"… ({body.Length:N0} characters)";
}
