namespace Pipeline.Serving.Model;

/// <summary>The configured model cannot be served (missing folder, no alias, hash mismatch, truncated file).</summary>
public sealed class ModelLoadException(string message, Exception? inner = null) : Exception(message, inner);
