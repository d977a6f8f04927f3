using System.Diagnostics.CodeAnalysis;

namespace Pipeline.Engine;

/// <summary>
/// A normalised absolute file-system path. Combine with <c>/</c> (<c>RootDirectory / "data" / "x.csv"</c>);
/// converts implicitly to <see cref="string"/>.
/// </summary>
public sealed class AbsolutePath : IEquatable<AbsolutePath>
{
    private readonly string _path;

    private AbsolutePath(string path) => _path = path;

    /// <summary>Creates a path from an absolute path string; relative strings are rejected.</summary>
    /// <exception cref="ArgumentException">The path is not rooted.</exception>
    public static AbsolutePath Create(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!Path.IsPathRooted(path))
            throw new ArgumentException($"'{path}' is not an absolute path.", nameof(path));
        return new AbsolutePath(Normalize(path));
    }

    /// <summary>Appends a relative part (which may contain <c>/</c> or <c>..</c>) to a path.</summary>
    public static AbsolutePath operator /(AbsolutePath left, string right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new AbsolutePath(Normalize(Path.Combine(left._path, right)));
    }

    /// <summary>The path as a string (null stays null).</summary>
    [return: NotNullIfNotNull(nameof(path))]
    public static implicit operator string?(AbsolutePath? path) => path?._path;

    /// <summary>The last segment (file or folder name).</summary>
    public string Name => Path.GetFileName(_path);

    /// <summary>The containing folder, or null at the file-system root.</summary>
    public AbsolutePath? Parent => Path.GetDirectoryName(_path) is { Length: > 0 } parent ? new AbsolutePath(parent) : null;

    /// <summary>True when a file exists at this path.</summary>
    public bool FileExists() => File.Exists(_path);

    /// <summary>True when a folder exists at this path.</summary>
    public bool DirectoryExists() => Directory.Exists(_path);

    /// <summary>True when a file or a folder exists at this path.</summary>
    public bool Exists() => File.Exists(_path) || Directory.Exists(_path);

    /// <summary>Creates the folder (and its parents) when missing; returns the path.</summary>
    public AbsolutePath CreateDirectory()
    {
        Directory.CreateDirectory(_path);
        return this;
    }

    /// <summary>This path relative to <paramref name="baseDirectory"/>, with <c>/</c> separators.</summary>
    public string RelativeTo(AbsolutePath baseDirectory) =>
        Path.GetRelativePath(baseDirectory._path, _path).Replace('\\', '/');

    /// <inheritdoc />
    public override string ToString() => _path;

    /// <inheritdoc />
    public bool Equals(AbsolutePath? other) => other is not null && string.Equals(_path, other._path, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is AbsolutePath other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_path);

    /// <summary>Equality by normalised path text.</summary>
    public static bool operator ==(AbsolutePath? left, AbsolutePath? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality by normalised path text.</summary>
    public static bool operator !=(AbsolutePath? left, AbsolutePath? right) => !(left == right);

    private static string Normalize(string path)
    {
        var full = Path.GetFullPath(path);
        // Keep "/" itself, but drop a trailing separator elsewhere so equal folders compare equal.
        return full.Length > Path.GetPathRoot(full)!.Length ? Path.TrimEndingDirectorySeparator(full) : full;
    }
}
