using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Pipeline.Modeling.Scoring;

namespace Pipeline.Serving.InferenceLog;

/// <summary>Writes one scored record as one <see cref="InferenceLogFormat"/> line: the champion's writer and the shadow scorer share it.</summary>
public static class InferenceLogLine
{
    /// <summary>
    /// Appends the line of <paramref name="record"/> scored <paramref name="result"/> to <paramref name="buffer"/> (through
    /// <paramref name="json"/>, which writes into it), ending in a newline; <paramref name="json"/> is then ready for the next line.
    /// <paramref name="received"/> is the record's object as parsed from the request: its bytes are copied as they are
    /// when they are one line and hold just the record's fields, which costs far less than writing each field again.
    /// </summary>
    public static void Write(Utf8JsonWriter json, IBufferWriter<byte> buffer, IReadOnlyDictionary<string, JsonElement> record, JsonElement received,
        ScoreResult result, string modelVersion, DateTimeOffset time, string role, string? requestId, string? routingKey)
    {
        json.WriteStartObject();
        json.WriteString(InferenceLogFormat.Time, time);
        json.WriteString(InferenceLogFormat.ModelVersion, modelVersion);
        json.WriteString(InferenceLogFormat.Role, role);
        if (requestId is not null) json.WriteString(InferenceLogFormat.RequestId, requestId);
        if (routingKey is not null) json.WriteString(InferenceLogFormat.RoutingKey, routingKey);
        json.WriteNumber(InferenceLogFormat.Score, result.Probability);
        json.WriteBoolean(InferenceLogFormat.Label, result.Label);
        if (CopiesAsReceived(record, received, out var raw))
        {
            json.WritePropertyName(InferenceLogFormat.Features);
            json.WriteRawValue(raw, skipInputValidation: true); // already parsed: valid JSON
        }
        else
        {
            json.WriteStartObject(InferenceLogFormat.Features);
            foreach (var (name, value) in record)
            {
                json.WritePropertyName(name);
                value.WriteTo(json);
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.Flush();
        // One JSON value per line; Reset so the writer starts the next line as a fresh document.
        buffer.Write("\n"u8);
        json.Reset(buffer);
    }

    // A pretty-printed body would break the one-line-per-record format, and a body whose "explain" flag was taken out
    // of the record holds a field that is not the record's: those are written field by field.
    private static bool CopiesAsReceived(IReadOnlyDictionary<string, JsonElement> record, JsonElement received, out ReadOnlySpan<byte> raw)
    {
        raw = default;
        if (received.ValueKind != JsonValueKind.Object)
        {
            return false;
        }
        raw = JsonMarshal.GetRawUtf8Value(received);
        if (raw.IndexOfAny((byte)'\n', (byte)'\r') >= 0)
        {
            return false;
        }
        var properties = 0;
        foreach (var _ in received.EnumerateObject()) properties++;
        return properties == record.Count;
    }
}
