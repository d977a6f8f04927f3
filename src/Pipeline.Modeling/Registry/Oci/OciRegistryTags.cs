using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Modeling.Registry;

/// <summary>
/// The tags of a model repository, read as the OCI backend's state: <c>v&lt;N&gt;</c> (a committed version),
/// <c>claim-&lt;N&gt;-&lt;writer&gt;</c> (a writer's claim of number N), <c>archive-&lt;N&gt;</c> (archived by retention),
/// <c>event-&lt;time&gt;-&lt;sha12&gt;</c> (one event of the log) and <c>data-&lt;sha12&gt;</c> (a training data file).
/// </summary>
internal sealed partial record OciRegistryTags(IReadOnlyList<string> All)
{
    [GeneratedRegex(@"^v(?<n>[1-9]\d{0,8})$")]
    private static partial Regex VersionTag();

    [GeneratedRegex(@"^claim-(?<n>[1-9]\d{0,8})-(?<writer>[0-9a-f]{32})$")]
    private static partial Regex ClaimTag();

    [GeneratedRegex(@"^archive-(?<n>[1-9]\d{0,8})$")]
    private static partial Regex ArchiveTag();

    [GeneratedRegex(@"^event-(?<time>\d{8}T\d{9})-(?<sha>[0-9a-f]{12})$")]
    private static partial Regex EventTag();

    /// <summary>Committed versions, ascending.</summary>
    public IReadOnlyList<int> Versions => Numbers(VersionTag());

    /// <summary>Versions archived by retention, ascending.</summary>
    public IReadOnlyList<int> Archived => Numbers(ArchiveTag());

    /// <summary>Every claim: the number and the writer that claimed it.</summary>
    public IReadOnlyList<(int Version, string Writer)> Claims =>
        All.Select(t => ClaimTag().Match(t)).Where(m => m.Success)
            .Select(m => (int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture), m.Groups["writer"].Value)).ToList();

    /// <summary>Event tags in the log's deterministic order: by time, then by the content digest in the tag.</summary>
    public IReadOnlyList<string> Events =>
        All.Select(t => EventTag().Match(t)).Where(m => m.Success)
            .OrderBy(m => m.Groups["time"].Value, StringComparer.Ordinal).ThenBy(m => m.Groups["sha"].Value, StringComparer.Ordinal)
            .Select(m => m.Value).ToList();

    /// <summary>The 12 hex digits of the content digest an event tag carries.</summary>
    public static string EventDigestPrefix(string eventTag) => EventTag().Match(eventTag).Groups["sha"].Value;

    /// <summary>The tag of an event recorded at <paramref name="timeUtc"/> whose JSON has <paramref name="digest"/>.</summary>
    public static string EventTagOf(DateTimeOffset timeUtc, string digest) =>
        $"event-{timeUtc.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture)}-{digest["sha256:".Length..][..12]}";

    /// <summary>The tag of the claim of <paramref name="version"/> by <paramref name="writer"/>.</summary>
    public static string ClaimTagOf(int version, string writer) => $"claim-{version.ToString(CultureInfo.InvariantCulture)}-{writer}";

    /// <summary>The tag of a committed version.</summary>
    public static string VersionTagOf(int version) => "v" + version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The tag of an archived version.</summary>
    public static string ArchiveTagOf(int version) => "archive-" + version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The tag of a data file with <paramref name="digest"/>.</summary>
    public static string DataTagOf(string digest) => "data-" + digest["sha256:".Length..][..12];

    /// <summary>The highest number any version, claim or archive tag uses (0 when none).</summary>
    public int HighestNumber => Versions.Concat(Archived).Concat(Claims.Select(c => c.Version)).DefaultIfEmpty(0).Max();

    private IReadOnlyList<int> Numbers(Regex pattern) =>
        All.Select(t => pattern.Match(t)).Where(m => m.Success)
            .Select(m => int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture)).Distinct().Order().ToList();
}
