using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pipeline.Delivery.Monitoring;

/// <summary>Scalars for the YAML files Deploy writes (Prometheus, Alertmanager and Kubernetes all read YAML).</summary>
static class YamlText
{
    /// <summary>
    /// A double-quoted scalar: JSON's string escapes are YAML's, so any text (PromQL with quotes and braces, a feature
    /// name with brackets) stays one scalar.
    /// </summary>
    public static string Quote(string text) => JsonSerializer.Serialize(text, Relaxed);

    // PromQL's comparison operators stay readable (the default encoder writes > as \u003E).
    static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A number in the invariant culture, round-trippable.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
