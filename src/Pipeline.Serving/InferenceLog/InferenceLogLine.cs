using System.Buffers;
using System.Text.Json;
using Pipeline.Modeling.Scoring;

namespace Pipeline.Serving.InferenceLog;

/// <summary>Writes one scored record as one <see cref="InferenceLogFormat"/> line: the champion's writer and the shadow scorer share it.</summary>
public static class InferenceLogLine
{
    /// <summary>
    /// Appends the line of <paramref name="record"/> scored <paramref name="result"/> to <paramref name="buffer"/> (through
    /// <paramref name="json"/>, which writes into it), ending in a newline; <paramref name="json"/> is then ready for the next line.
    /// </summary>
    public static void Write(Utf8JsonWriter json, IBufferWriter<byte> buffer, IReadOnlyDictionary<string, JsonElement> record, ScoreResult result,
        string modelVersion, DateTimeOffset time, string role, string? requestId, string? routingKey)
    {
        json.WriteStartObject();
        json.WriteString(InferenceLogFormat.Time, time);
        json.WriteString(InferenceLogFormat.ModelVersion, modelVersion);
        json.WriteString(InferenceLogFormat.Role, role);
        if (requestId is not null) json.WriteString(InferenceLogFormat.RequestId, requestId);
        if (routingKey is not null) json.WriteString(InferenceLogFormat.RoutingKey, routingKey);
        json.WriteNumber(InferenceLogFormat.Score, result.Probability);
        json.WriteBoolean(InferenceLogFormat.Label, result.Label);
        json.WriteStartObject(InferenceLogFormat.Features);
        foreach (var (name, value) in record)
        {
            json.WritePropertyName(name);
            value.WriteTo(json);
        }
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        // One JSON value per line; Reset so the writer starts the next line as a fresh document.
        buffer.Write("\n"u8);
        json.Reset(buffer);
    }
}
