using System.Text.RegularExpressions;

namespace Pipeline.Engine.Ci;

/// <summary>GitLab CI: each target's log in a collapsible section (the job log's <c>section_start</c>/<c>section_end</c> markers).</summary>
internal sealed partial class GitLabCiHost : CiHost
{
    private const string EraseLine = "\u001b[0K";

    public GitLabCiHost() : base("GitLab CI", recognisedOnly: false) { }

    internal override void BeginTarget(BuildOutput output, string target, string header) =>
        output.WriteLine($"{EraseLine}section_start:{Now()}:{SectionName(target)}[collapsed=false]\r{EraseLine}{header}", Verbosity.Minimal);

    internal override void EndTarget(BuildOutput output, string target) =>
        output.WriteLine($"{EraseLine}section_end:{Now()}:{SectionName(target)}\r{EraseLine}", Verbosity.Minimal);

    /// <summary>GitLab accepts letters, digits, '_', '.' and '-' in a section name.</summary>
    internal static string SectionName(string target) => "target_" + NotAllowed().Replace(target, "_").ToLowerInvariant();

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    [GeneratedRegex("[^A-Za-z0-9_.-]")]
    private static partial Regex NotAllowed();
}
