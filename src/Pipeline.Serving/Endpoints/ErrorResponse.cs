using System.Text.Json;
using Pipeline.Serving.InferenceLog;

namespace Pipeline.Serving.Endpoints;

/// <summary>The service's error body: <c>{"error": sentence, "field": name or null}</c>.</summary>
public static class ErrorResponse
{
    /// <summary>Writes an error response with <paramref name="status"/>.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string? field, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await using (var json = new Utf8JsonWriter(context.Response.BodyWriter, ReadableJson.Options))
        {
            json.WriteStartObject();
            json.WriteString("error", message);
            if (field is null)
            {
                json.WriteNull("field");
            }
            else
            {
                json.WriteString("field", field);
            }
            json.WriteEndObject();
        }
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
