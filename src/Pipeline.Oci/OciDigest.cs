using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Pipeline.Oci;

/// <summary>Content digests as OCI writes them: <c>sha256:&lt;64 lowercase hex&gt;</c>.</summary>
public static partial class OciDigest
{
    /// <summary>The digest of <paramref name="bytes"/>.</summary>
    public static string Of(ReadOnlySpan<byte> bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The digest of a stream's remaining content.</summary>
    public static string Of(Stream stream) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream));

    /// <summary>True when <paramref name="digest"/> is a well-formed sha256 digest.</summary>
    public static bool IsValid(string digest) => Sha256().IsMatch(digest);

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex Sha256();
}
