namespace Pipeline.Serving.Configuration;

/// <summary>A Serving setting has a value the service cannot use; the message names the setting and what it expects.</summary>
public sealed class ServingConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
