using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace Pipeline.Serving.Endpoints;

/// <summary>
/// Optional authentication: with a token configured (<c>Serving:AuthToken</c> or <c>Serving:AuthTokenFile</c>),
/// every request except the probes' <c>/health</c> and <c>/ready</c> must carry <c>Authorization: Bearer &lt;token&gt;</c>,
/// else it is answered 401 with a <c>WWW-Authenticate</c> challenge. The comparison takes the same time whatever
/// the presented token, so timing does not reveal how much of it was right.
/// </summary>
public static class BearerTokenGate
{
    private const string Challenge = "Bearer realm=\"pipeline-serving\"";

    /// <summary>Adds the gate in front of the endpoints when <paramref name="token"/> is not null.</summary>
    public static void Use(WebApplication app, string? token)
    {
        if (token is null)
        {
            return;
        }
        // Hashes have one length, so the fixed-time comparison hides the token's length too.
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (path.Equals("/health", StringComparison.Ordinal) || path.Equals("/ready", StringComparison.Ordinal) || IsAuthorized(context.Request, expected))
            {
                await next(context);
                return;
            }
            context.Response.Headers[HeaderNames.WWWAuthenticate] = context.Request.Headers.Authorization.Count == 0
                ? Challenge
                : Challenge + ", error=\"invalid_token\"";
            await ErrorResponse.WriteAsync(context, StatusCodes.Status401Unauthorized, "Authorization",
                "This service requires a bearer token: send the header 'Authorization: Bearer <token>' with the token configured in Serving:AuthToken or Serving:AuthTokenFile.");
        });
    }

    private static bool IsAuthorized(HttpRequest request, byte[] expected)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}
