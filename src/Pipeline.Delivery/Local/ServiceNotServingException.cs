namespace Pipeline.Delivery.Local;

/// <summary>A freshly started scoring service is not serving: it stopped, never became ready, or failed its smoke prediction.</summary>
public sealed class ServiceNotServingException(string message) : Exception(message);
