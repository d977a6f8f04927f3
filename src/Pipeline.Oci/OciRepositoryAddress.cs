using System.Text.RegularExpressions;

namespace Pipeline.Oci;

/// <summary>
/// Where a repository lives: <c>oci://host[:port]/path</c> (HTTPS) or <c>oci+http://host:port/path</c> (plain HTTP, for
/// a registry on this machine). The path is the repository name's prefix; <see cref="Child"/> names repositories under it.
/// </summary>
public sealed partial record OciRepositoryAddress(Uri Registry, string Repository)
{
    /// <summary>True when <paramref name="value"/> is an oci:// or oci+http:// address.</summary>
    public static bool IsOciAddress(string value) =>
        value.StartsWith("oci://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("oci+http://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses an address.</summary>
    /// <exception cref="OciException">It is not <c>oci://host[:port]/path</c> or <c>oci+http://host:port/path</c>, or the path is not a valid repository name.</exception>
    public static OciRepositoryAddress Parse(string value)
    {
        var secure = value.StartsWith("oci://", StringComparison.OrdinalIgnoreCase);
        if (!secure && !value.StartsWith("oci+http://", StringComparison.OrdinalIgnoreCase))
            throw new OciException($"'{value}' is not a registry address; expected oci://host[:port]/path (HTTPS) or oci+http://host:port/path (plain HTTP).");
        var rest = value[(secure ? "oci://".Length : "oci+http://".Length)..];
        var slash = rest.IndexOf('/');
        var authority = slash < 0 ? rest : rest[..slash];
        var path = slash < 0 ? "" : rest[(slash + 1)..].Trim('/');
        if (authority.Contains('@'))
            throw new OciException("The registry address carries credentials; give them as the registry username/password secret parameters instead, so they are never printed.");
        if (!Uri.TryCreate($"{(secure ? "https" : "http")}://{authority}/", UriKind.Absolute, out var registry) || authority.Length == 0)
            throw new OciException($"'{value}' does not name a registry host; expected oci://host[:port]/path.");
        if (path.Length == 0 || !RepositoryName().IsMatch(path))
            throw new OciException($"'{path}' in '{value}' is not a repository name: lowercase letters, digits and . _ - separated by '/', e.g. oci+http://127.0.0.1:5000/pipeline.");
        return new OciRepositoryAddress(registry, path);
    }

    /// <summary>The repository <paramref name="name"/> under this one (e.g. the dataset's).</summary>
    public OciRepositoryAddress Child(string name)
    {
        var child = $"{Repository}/{name.ToLowerInvariant()}";
        return RepositoryName().IsMatch(child)
            ? this with { Repository = child }
            : throw new OciException($"'{name}' cannot be part of a repository name: lowercase letters, digits and . _ -.");
    }

    /// <inheritdoc />
    public override string ToString() => $"{(Registry.Scheme == "https" ? "oci" : "oci+http")}://{Registry.Authority}/{Repository}";

    // The distribution specification's repository name grammar.
    [GeneratedRegex("^[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryName();
}
