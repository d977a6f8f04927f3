using System.Buffers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Features;
using Pipeline.Data.Text;

namespace Pipeline.Serving.Requests;

/// <summary>
/// Reads a /predict body within a size limit and parses it into records. Everything wrong with the body
/// itself (not declared as JSON, too large, not UTF-8, not JSON, not an object or array of objects, duplicate
/// keys, strings no .NET string can hold, anything beyond the <see cref="RequestLimits"/>) becomes a
/// <see cref="BadPredictionRequestException"/>; field-level checks against the schema are the model's.
/// Messages quote at most a short prefix of what was sent.
/// </summary>
public static class PredictionRequestReader
{
    // The shape check refuses anything deeper first, with its own sentence.
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = RequestLimits.MaxDepth + 1 };
    private static readonly JsonReaderOptions ScanOptions = new() { MaxDepth = RequestLimits.MaxDepth + 1 };

    /// <summary>Reads and parses the body of <paramref name="request"/>.</summary>
    public static Task<PredictionRequest> ReadAsync(HttpRequest request, long maxBytes, int maxRecords, CancellationToken cancellationToken) =>
        ReadAsync(request, new RequestLimits(maxBytes, maxRecords), cancellationToken);

    /// <summary>Reads and parses the body of <paramref name="request"/> within <paramref name="limits"/>.</summary>
    public static async Task<PredictionRequest> ReadAsync(HttpRequest request, RequestLimits limits, CancellationToken cancellationToken)
    {
        var maxBytes = limits.MaxBodyBytes;
        JsonContentType.Require(request.ContentType);
        var explainQuery = ExplainQuery(request.Query);
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }
        var bodySize = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (bodySize is { IsReadOnly: false })
        {
            bodySize.MaxRequestBodySize = maxBytes + 1;
        }

        // One byte more than announced, so reading the end of the body never has to grow the buffer.
        byte[]? buffer = RequestBufferPool.Rent(request.ContentLength is > 0 and var length ? (int)length + 1 : 4096);
        var count = 0;
        try
        {
            while (true)
            {
                if (count == buffer.Length)
                {
                    var larger = RequestBufferPool.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    RequestBufferPool.Return(buffer);
                    buffer = larger;
                }
                int read;
                try
                {
                    read = await request.Body.ReadAsync(buffer.AsMemory(count), cancellationToken);
                }
                catch (BadHttpRequestException e)
                {
                    throw e.StatusCode == StatusCodes.Status413PayloadTooLarge
                        ? TooLarge(maxBytes)
                        : new BadPredictionRequestException("body", $"The request body could not be read: {e.Message}");
                }
                if (read == 0)
                {
                    break;
                }
                count += read;
                if (count > maxBytes)
                {
                    throw TooLarge(maxBytes);
                }
            }
            var parsed = Parse(buffer, count, limits);
            buffer = null;
            parsed.Explain |= explainQuery;
            return parsed;
        }
        finally
        {
            if (buffer is not null)
            {
                RequestBufferPool.Return(buffer);
            }
        }
    }

    /// <summary>The name of the query parameter, and of the record field, that asks for explanations.</summary>
    public const string ExplainFlag = "explain";

    // ?explain=true|false (or the bare ?explain); anything else is refused rather than silently ignored.
    private static bool ExplainQuery(IQueryCollection query)
    {
        if (!query.TryGetValue(ExplainFlag, out var values))
        {
            return false;
        }
        var value = values.Count == 1 ? values[0] : null;
        if (string.IsNullOrEmpty(value) || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (string.Equals(value, "false", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        throw new BadPredictionRequestException(ExplainFlag,
            $"The query parameter explain is \"{ValuePreview.Of(values.ToString())}\"; use ?explain=true to get explanations, or leave it out.");
    }

    /// <summary>Parses a UTF-8 JSON body (an object, or an array of objects) into records.</summary>
    public static PredictionRequest Parse(ReadOnlyMemory<byte> body, int maxRecords) => Parse(body, new RequestLimits(long.MaxValue, maxRecords));

    /// <summary>Parses a UTF-8 JSON body (an object, or an array of objects) into records within <paramref name="limits"/>.</summary>
    public static PredictionRequest Parse(ReadOnlyMemory<byte> body, RequestLimits limits) => Parse(body, null, limits);

    /// <summary>Parses the first <paramref name="count"/> bytes of a pooled buffer, which the request then owns (returned on success only).</summary>
    private static PredictionRequest Parse(byte[] pooledBuffer, int count, RequestLimits limits) => Parse(pooledBuffer.AsMemory(0, count), pooledBuffer, limits);

    private static PredictionRequest Parse(ReadOnlyMemory<byte> body, byte[]? pooledBuffer, RequestLimits limits)
    {
        var maxRecords = limits.MaxRecords;
        if (body.IsEmpty)
        {
            throw new BadPredictionRequestException("body", "The request body is empty; expected a JSON object keyed by column name, or an array of them.");
        }
        // The parser does not check the UTF-8 of names and strings; decoding them later would throw deep in scoring.
        if (!Utf8.IsValid(body.Span))
        {
            throw new BadPredictionRequestException("body",
                $"The request body is not valid UTF-8 (byte {FirstInvalidUtf8Byte(body.Span) + 1} starts an invalid sequence); send the JSON encoded as UTF-8.");
        }
        JsonDocument document;
        try
        {
            RequestShape.Check(body.Span, limits, ScanOptions);
            // JsonDocument keeps reading from body: the buffer lives as long as the request.
            document = JsonDocument.Parse(body, ParseOptions);
        }
        catch (JsonException e)
        {
            throw new BadPredictionRequestException("body",
                $"The request body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}); expected a JSON object keyed by column name, or an array of them.");
        }
        try
        {
            var root = document.RootElement;
            switch (root.ValueKind)
            {
                case JsonValueKind.Object:
                    var single = ToRecord(root, null);
                    return new PredictionRequest(document, pooledBuffer, false, [single]) { Explain = TakeExplainFlag(single) };
                case JsonValueKind.Array:
                    var length = root.GetArrayLength();
                    if (length == 0)
                    {
                        throw new BadPredictionRequestException("body", "The request body is an empty array; send at least one record.");
                    }
                    if (length > maxRecords)
                    {
                        throw new BadPredictionRequestException("body", $"The batch has {length} records; at most {maxRecords} are accepted per request.");
                    }
                    var records = new IReadOnlyDictionary<string, JsonElement>[length];
                    var index = 0;
                    var explain = false;
                    foreach (var element in root.EnumerateArray())
                    {
                        var record = ToRecord(element, index);
                        explain |= TakeExplainFlag(record);
                        records[index] = record;
                        index++;
                    }
                    return new PredictionRequest(document, pooledBuffer, true, records) { Explain = explain };
                default:
                    throw new BadPredictionRequestException("body", $"The request body is a JSON {root.ValueKind.ToString().ToLowerInvariant()}; expected an object keyed by column name, or an array of them.");
            }
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    // A boolean "explain" field is the request's flag, not data: it is removed so that scoring and the log never see it.
    private static bool TakeExplainFlag(Dictionary<string, JsonElement> record)
    {
        if (!record.TryGetValue(ExplainFlag, out var flag) || flag.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return false;
        }
        record.Remove(ExplainFlag);
        return flag.ValueKind == JsonValueKind.True;
    }

    private static Dictionary<string, JsonElement> ToRecord(JsonElement element, int? index)
    {
        var where = index is null ? "The record" : $"Record {index}";
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new BadPredictionRequestException(index is null ? "body" : $"[{index}]", $"{where} is a JSON {element.ValueKind.ToString().ToLowerInvariant()}; expected an object keyed by column name.");
        }
        var record = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var name = NameOf(property, where);
            if (!record.TryAdd(name, property.Value))
            {
                throw new BadPredictionRequestException(name, $"{where} has the field \"{ValuePreview.Of(name)}\" more than once.");
            }
            if (property.Value.ValueKind == JsonValueKind.String)
            {
                RequireDecodable(property.Value, name, where);
            }
        }
        return record;
    }

    private static string NameOf(JsonProperty property, string where)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            throw new BadPredictionRequestException("body", $"{where} has a field name with an escaped lone UTF-16 surrogate (such as \\uD800), which is not text; field names are the dataset's column names.");
        }
    }

    /// <summary>Refuses a string value whose escapes decode to a lone UTF-16 surrogate (valid JSON syntax, but not text).</summary>
    private static void RequireDecodable(JsonElement value, string field, string where)
    {
        // Only an escape can produce a lone surrogate (the body is valid UTF-8), so most strings skip the decode.
        if (JsonMarshal.GetRawUtf8Value(value).IndexOf((byte)'\\') < 0)
        {
            return;
        }
        try
        {
            value.GetString();
        }
        catch (InvalidOperationException)
        {
            throw new BadPredictionRequestException(field, $"{where} has an escaped lone UTF-16 surrogate (such as \\uD800) in field '{ValuePreview.Of(field)}', which is not text; send the value as valid Unicode.");
        }
    }

    private static int FirstInvalidUtf8Byte(ReadOnlySpan<byte> body)
    {
        var offset = 0;
        while (offset < body.Length && Rune.DecodeFromUtf8(body[offset..], out _, out var consumed) == OperationStatus.Done)
        {
            offset += consumed;
        }
        return offset;
    }

    private static BadPredictionRequestException TooLarge(long maxBytes) =>
        new("body", $"The request body is larger than the limit of {maxBytes} bytes (Serving:MaxRequestBodyBytes); send smaller batches.");
}
