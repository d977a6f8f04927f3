using Microsoft.Net.Http.Headers;

namespace Pipeline.Serving.Requests;

/// <summary>
/// Which Content-Types a /predict body may declare: none (tools that send none mean JSON), <c>application/json</c>
/// or any <c>application/*+json</c>, in UTF-8. Anything else is answered 415 rather than guessed at, so that a
/// form post or an XML body is refused with a sentence instead of failing later as "not valid JSON".
/// </summary>
public static class JsonContentType
{
    /// <summary>Throws a 415 <see cref="BadPredictionRequestException"/> naming <c>Content-Type</c> unless <paramref name="contentType"/> declares UTF-8 JSON.</summary>
    public static void Require(string? contentType)
    {
        // The common case, without parsing.
        if (string.IsNullOrEmpty(contentType) || string.Equals(contentType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            throw Unsupported($"The Content-Type \"{contentType}\" cannot be read");
        }
        var type = media.MediaType.Value ?? "";
        var isJson = type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
        if (!isJson)
        {
            throw Unsupported($"The request body is declared as {type}, not JSON");
        }
        var charset = media.Charset.Value;
        if (charset is not null && !charset.Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Trim('"').Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            throw Unsupported($"The request body is declared as charset={charset}; only UTF-8 is read");
        }
    }

    private static BadPredictionRequestException Unsupported(string what) => new("Content-Type",
        $"{what}. Send the records as UTF-8 JSON with the header Content-Type: application/json (curl: -H 'Content-Type: application/json').",
        StatusCodes.Status415UnsupportedMediaType);
}
