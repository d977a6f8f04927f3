using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pipeline.Serving.InferenceLog;

/// <summary>
/// Writer options that keep quotes and non-ASCII readable (<c>'</c> rather than <c>\u0027</c>) in error messages
/// and the inference log. Safe here: the output is JSON for programs and people, never embedded in HTML.
/// </summary>
public static class ReadableJson
{
    /// <summary>The shared options.</summary>
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
