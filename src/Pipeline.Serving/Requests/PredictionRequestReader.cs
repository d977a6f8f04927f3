using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Pipeline.Serving.Requests;

/// <summary>
/// Reads a /predict body within a size limit and parses it into records. Everything wrong with the body
/// itself (too large, not JSON, not an object or array of objects, duplicate keys) becomes a
/// <see cref="BadPredictionRequestException"/>; field-level checks against the schema are the model's.
/// </summary>
public static class PredictionRequestReader
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 8 };

    /// <summary>Reads and parses the body of <paramref name="request"/>.</summary>
    public static async Task<PredictionRequest> ReadAsync(HttpRequest request, long maxBytes, int maxRecords, CancellationToken cancellationToken)
    {
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
        byte[]? buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is > 0 and var length ? (int)length + 1 : 4096);
        var count = 0;
        try
        {
            while (true)
            {
                if (count == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
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
            var parsed = Parse(buffer, count, maxRecords);
            buffer = null;
            return parsed;
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Parses a UTF-8 JSON body (an object, or an array of objects) into records.</summary>
    public static PredictionRequest Parse(ReadOnlyMemory<byte> body, int maxRecords) => Parse(body, null, maxRecords);

    /// <summary>Parses the first <paramref name="count"/> bytes of a pooled buffer, which the request then owns (returned on success only).</summary>
    private static PredictionRequest Parse(byte[] pooledBuffer, int count, int maxRecords) => Parse(pooledBuffer.AsMemory(0, count), pooledBuffer, maxRecords);

    private static PredictionRequest Parse(ReadOnlyMemory<byte> body, byte[]? pooledBuffer, int maxRecords)
    {
        if (body.IsEmpty)
        {
            throw new BadPredictionRequestException("body", "The request body is empty; expected a JSON object keyed by column name, or an array of them.");
        }
        JsonDocument document;
        try
        {
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
                    return new PredictionRequest(document, pooledBuffer, false, [ToRecord(root, null)]);
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
                    foreach (var element in root.EnumerateArray())
                    {
                        records[index] = ToRecord(element, index);
                        index++;
                    }
                    return new PredictionRequest(document, pooledBuffer, true, records);
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
            if (!record.TryAdd(property.Name, property.Value))
            {
                throw new BadPredictionRequestException(property.Name, $"{where} has the field \"{property.Name}\" more than once.");
            }
        }
        return record;
    }

    private static BadPredictionRequestException TooLarge(long maxBytes) =>
        new("body", $"The request body is larger than the limit of {maxBytes} bytes (Serving:MaxRequestBodyBytes); send smaller batches.");
}
