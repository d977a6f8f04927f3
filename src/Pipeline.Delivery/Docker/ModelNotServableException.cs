namespace Pipeline.Delivery.Docker;

/// <summary>
/// Containerize refused a model version the scoring service would refuse to load (a tampered or truncated
/// model.zip, an incomplete version folder); no image was built. The message names the file and why.
/// </summary>
public sealed class ModelNotServableException(string message, Exception inner) : Exception(message, inner);
