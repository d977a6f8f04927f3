using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Pipeline.Oci;

/// <summary>
/// Answers a registry's 401 challenge: <c>Basic</c> with the user name and password, or <c>Bearer</c> by asking the
/// token service the challenge names (with the credentials, for the scope it names) and retrying with that token.
/// Tokens are kept per scope for the handler's lifetime. A static bearer token is sent as it is.
/// </summary>
internal sealed class OciAuthenticationHandler : DelegatingHandler
{
    private readonly OciCredentials? _credentials;
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AuthenticationHeaderValue? _current;

    public OciAuthenticationHandler(OciCredentials? credentials, HttpMessageHandler inner) : base(inner) => _credentials = credentials;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (_credentials?.Token is { } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        else if (_current is not null) request.Headers.Authorization = _current;

        // The body may have to be sent twice: buffer it when small (manifests, small blobs). A large blob is streamed once:
        // the upload session's POST has answered the challenge by then, so it goes out authenticated.
        byte[]? body = null;
        if (request.Content is not null && request.Content.Headers.ContentLength is null or <= 8L << 20)
        {
            body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
            request.Content = Copy(request.Content, body);
        }
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || _credentials is null || _credentials.Token is not null) return response;

        var challenge = response.Headers.WwwAuthenticate.FirstOrDefault();
        if (challenge is null) return response;
        AuthenticationHeaderValue? answer = challenge.Scheme.ToLowerInvariant() switch
        {
            "basic" when _credentials.Username is not null => new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_credentials.Username}:{_credentials.Password}"))),
            "bearer" => await BearerAsync(challenge.Parameter ?? "", cancellationToken),
            _ => null,
        };
        if (answer is null) return response;
        response.Dispose();
        _current = answer;
        var retry = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
        foreach (var header in request.Headers.Where(h => h.Key != "Authorization")) retry.Headers.TryAddWithoutValidation(header.Key, header.Value);
        retry.Headers.Authorization = answer;
        if (body is not null && request.Content is not null) retry.Content = Copy(request.Content, body);
        return await base.SendAsync(retry, cancellationToken);
    }

    private async Task<AuthenticationHeaderValue?> BearerAsync(string parameters, CancellationToken cancellationToken)
    {
        var fields = ParseChallenge(parameters);
        if (!fields.TryGetValue("realm", out var realm) || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri)) return null;
        var query = string.Join('&', new[] { "service", "scope" }.Where(fields.ContainsKey).Select(k => $"{k}={Uri.EscapeDataString(fields[k])}"));
        var key = query;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_tokens.TryGetValue(key, out var token))
            {
                using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(realmUri) { Query = query }.Uri);
                if (_credentials?.Username is not null)
                    tokenRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_credentials.Username}:{_credentials.Password}")));
                using var response = await base.SendAsync(tokenRequest, cancellationToken);
                if (!response.IsSuccessStatusCode)
                    throw new OciException($"The registry's token service {realmUri.GetLeftPart(UriPartial.Path)} refused the credentials ({(int)response.StatusCode}); check the registry username and password.", (int)response.StatusCode);
                using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                token = (document.RootElement.TryGetProperty("token", out var t) ? t.GetString()
                    : document.RootElement.TryGetProperty("access_token", out var a) ? a.GetString() : null)
                    ?? throw new OciException($"The registry's token service {realmUri.GetLeftPart(UriPartial.Path)} answered without a token.");
                _tokens[key] = token;
            }
            return new AuthenticationHeaderValue("Bearer", token);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The key="value" pairs of a challenge's parameters.</summary>
    internal static Dictionary<string, string> ParseChallenge(string parameters)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < parameters.Length)
        {
            while (i < parameters.Length && (parameters[i] == ',' || char.IsWhiteSpace(parameters[i]))) i++;
            var equals = parameters.IndexOf('=', i);
            if (equals < 0) break;
            var name = parameters[i..equals].Trim();
            i = equals + 1;
            string value;
            if (i < parameters.Length && parameters[i] == '"')
            {
                var end = parameters.IndexOf('"', i + 1);
                if (end < 0) end = parameters.Length;
                value = parameters[(i + 1)..end];
                i = end + 1;
            }
            else
            {
                var end = parameters.IndexOf(',', i);
                if (end < 0) end = parameters.Length;
                value = parameters[i..end].Trim();
                i = end;
            }
            fields[name] = value;
        }
        return fields;
    }

    private static ByteArrayContent Copy(HttpContent original, byte[] body)
    {
        var copy = new ByteArrayContent(body);
        foreach (var header in original.Headers) copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        return copy;
    }
}
