using System.Text;
using k8s;

namespace Pipeline.Delivery.Kubernetes;

/// <summary>
/// The secret values a kubeconfig's current context carries (bearer token, password, client key, a password in the
/// server address), so that everything printed about a deploy can be masked: an API server or proxy may echo the
/// request's Authorization header in an error body.
/// </summary>
public static class KubeconfigCredentials
{
    /// <summary>What replaces a secret value in masked text (the build engine's mask).</summary>
    public const string Mask = "***";

    /// <summary>The credential values of <paramref name="kubeconfigPath"/>'s current context; empty when it cannot be read.</summary>
    public static IReadOnlyList<string> Read(string kubeconfigPath)
    {
        KubernetesClientConfiguration configuration;
        try
        {
            configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or k8s.Exceptions.KubeConfigException or FormatException or InvalidOperationException or ArgumentException)
        {
            // Connecting fails on the same file with its own sentence; there is nothing to mask yet.
            return [];
        }
        var values = new List<string?> { configuration.AccessToken, configuration.Password, configuration.ClientCertificateKeyData };
        if (configuration.ClientCertificateKeyData is { } keyData && TryDecodeBase64(keyData) is { } pem)
        {
            values.Add(pem.Trim());
        }
        if (Uri.TryCreate(configuration.Host, UriKind.Absolute, out var server) && server.UserInfo.Split(':', 2) is [_, var password])
        {
            values.Add(Uri.UnescapeDataString(password));
            values.Add(password);
        }
        return values.Where(v => !string.IsNullOrEmpty(v)).Distinct().OrderByDescending(v => v!.Length).ToList()!;
    }

    /// <summary><paramref name="text"/> with every one of <paramref name="secrets"/> replaced by <see cref="Mask"/>.</summary>
    public static string MaskIn(string text, IReadOnlyList<string> secrets)
    {
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }
        return text;
    }

    private static string? TryDecodeBase64(string value)
    {
        var bytes = new byte[value.Length];
        return Convert.TryFromBase64String(value, bytes, out var written) ? Encoding.UTF8.GetString(bytes, 0, written) : null;
    }
}
